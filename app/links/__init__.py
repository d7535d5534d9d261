"""Respondent links: signed tokens, invitations and open links."""

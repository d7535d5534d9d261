"""Surveys: a questionnaire version run by a board for one audience."""

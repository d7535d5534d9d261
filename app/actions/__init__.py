""" "You said, we did": what a board changed because of what people told it.

Managers record actions (``service``); respondents read them (``shown``) on thank-you
pages, a closed survey's link and the board's public page; the panel is emailed when one
is done; the evidence pack lists them (``app.results.service``).
"""

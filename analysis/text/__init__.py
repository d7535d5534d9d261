"""Free text: sentiment, themes from a codebook, redaction and quotes. Pure functions."""

"""The evidence pack: a board's findings for a period, and the formats it is written in."""

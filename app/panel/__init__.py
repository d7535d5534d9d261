"""The Touchstones panel: practitioners who join by email to answer a board's quick checks."""

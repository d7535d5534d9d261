"""Training courses evaluated before, at the end and months later, linked without names."""

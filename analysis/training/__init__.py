"""Training evaluation: personal codes, matching answers across phases, paired change."""

"""Demo data: a region, two boards, their staff, a survey per audience and answers."""

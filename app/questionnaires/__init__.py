"""Questionnaire definitions: the reusable, versioned shape of a survey, and the library."""

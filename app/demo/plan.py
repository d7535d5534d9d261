"""What the demo contains, as data."""

REGION = ("northshire", "Northshire")
BOARDS = (
    ("riverton", "Riverton Safeguarding Children Partnership",
     "Call Riverton children's services on 0300 555 0101 (the number is an example)."),
    ("hillford", "Hillford Safeguarding Children Partnership",
     "Call Hillford children's services on 0300 555 0202 (the number is an example)."),
)  # fmt: skip
BOARD_ROLES = ("manager", "trainer", "reviewer", "analyst")

# (questionnaire slug, survey title shown to respondents, survey-slug suffix)
SURVEYS = (
    ("feeling-safe-8-12", "Feeling safe: for 8 to 12 year olds", "feeling-safe-8-12"),
    ("feeling-safe-13-18", "Feeling safe: for 13 to 18 year olds", "feeling-safe-13-18"),
    ("my-experience-of-help", "Your experience of getting help", "experience-of-help"),
    ("family-experience", "Your family's experience of help", "family-experience"),
    ("frontline-practitioner", "Frontline practitioner survey 2026", "frontline-2026"),
    ("touchstones-quick-check", "Touchstones: the escalation procedure", "touchstones"),
    ("training-before", "Working Together training: before the course", "training-before"),
    ("training-after", "Working Together training: at the end", "training-after"),
    ("training-follow-up", "Working Together training: three months on", "training-follow-up"),
)  # fmt: skip

TRAINING_OUTCOMES = [
    "recognise the signs that a child may be being harmed",
    "know how to share a concern with children's services",
    "know when and how to escalate a disagreement between agencies",
]

DISTRIBUTION = {
    "child": "This survey is being shared in schools and youth clubs across the area.",
    "family": "This survey is being sent to families who had help in the last year.",
}

TEXT_ANSWERS = (
    "More adults to talk to at school",
    "Better lighting in the park on the way home",
    "I feel safe most of the time",
    "Teachers listened when I was worried",
    "The guide was clear and I used it the same week",
    "Shorter forms please",
    "Knowing who to call out of hours",
    "Someone checking in with me more often",
    "I did not understand why the meeting happened",
    "Things got better after the plan started",
)

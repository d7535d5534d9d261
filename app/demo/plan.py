"""What the demo contains, as data: boards, surveys and the shape of their answers."""

from datetime import timedelta

SEED = 2026  # the same demo, answer for answer, on every machine
REGION = ("northshire", "Northshire")
BOARD_ROLES = ("manager", "trainer", "reviewer", "analyst")

# The regional quality-assurance framework's sections, which both demo boards use.
QA_SECTIONS = [
    {"code": "A", "name": "Building blocks"},
    {"code": "B", "name": "Quantitative information"},
    {"code": "C", "name": "Qualitative audits"},
    {"code": "D", "name": "Involvement of children and young people"},
    {"code": "E", "name": "Involving front line staff"},
]

# (slug, name, help contact, business-plan priorities, local places). The places are
# written into comments ("{school}") and listed on the board so quotes can hide them.
BOARDS = (
    ("riverton", "Riverton Safeguarding Children Partnership",
     "Call Riverton children's services on 0300 555 0101 (the number is an example).",
     ["Neglect", "Child exploitation", "Early help", "Voice of the child"],
     {"school": "Riverton Academy", "primary": "St Mary's Primary", "street": "Mill Lane",
      "park": "Riverside Park", "club": "Eastgate Youth Club"}),
    ("hillford", "Hillford Safeguarding Children Partnership",
     "Call Hillford children's services on 0300 555 0202 (the number is an example).",
     ["Voice of the child", "Early help", "Neglect", "Child exploitation", "Domestic abuse"],
     {"school": "Hillford High School", "primary": "Oakfield Primary", "street": "Station Road",
      "park": "Hillford Rec", "club": "the Bridge Street youth club"}),
)  # fmt: skip

# (questionnaire slug, survey title, survey-slug suffix, QA section, priority). Every
# priority named here is on both boards' lists.
SURVEYS = (
    ("feeling-safe-8-12", "Feeling safe: for 8 to 12 year olds", "feeling-safe-8-12",
     "D", "Voice of the child"),
    ("feeling-safe-13-18", "Feeling safe: for 13 to 18 year olds", "feeling-safe-13-18",
     "D", "Child exploitation"),
    ("my-experience-of-help", "Your experience of getting help", "experience-of-help",
     "D", "Voice of the child"),
    ("family-experience", "Your family's experience of help", "family-experience",
     "D", "Early help"),
    ("frontline-practitioner", "Frontline practitioner survey", "frontline", "E", "Neglect"),
    ("touchstones-quick-check", "Touchstones: the escalation procedure", "touchstones",
     "E", "Neglect"),
    ("training-before", "Working Together training: before the course", "training-before",
     "E", "Neglect"),
    ("training-after", "Working Together training: at the end", "training-after",
     "E", "Neglect"),
    ("training-follow-up", "Working Together training: three months on", "training-follow-up",
     "E", "Neglect"),
)  # fmt: skip

# Each survey runs now and ran about a year ago, so the same questionnaire shows a trend.
CURRENT_WINDOW = (timedelta(days=-30), timedelta(days=60))  # open now
PREVIOUS_WINDOW = (timedelta(days=-395), timedelta(days=-335))  # 13 to 11 months ago
SURVEY_COUNT = len(BOARDS) * len(SURVEYS) * 2
RESPONSES_PER_SURVEY = 300
DEFAULT_RESPONSES = RESPONSES_PER_SURVEY * SURVEY_COUNT
# Unfinished answers beside the finished ones: a fifth as many, stopped after a page or two.
DRAFT_SHARE = 0.2
DRAFT_PAGES = {1: 0.65, 2: 0.35}

TRAINING_OUTCOMES = [
    "recognise the signs that a child may be being harmed",
    "know how to share a concern with children's services",
    "know when and how to escalate a disagreement between agencies",
]

DISTRIBUTION = {
    "child": "This survey is being shared in schools and youth clubs across the area.",
    "family": "This survey is being sent to families who had help in the last year.",
}

# Where scale answers centre, as a share of the scale: most lean positive, some
# board-involvement questions and the before-course ratings do not. A few answers in
# every hundred fall anywhere on the scale.
DEFAULT_LEAN = 0.74
LEAN_CONCENTRATION = 5.0
TAIL = 0.06
QUESTIONNAIRE_LEAN = {"training-before": 0.45, "training-after": 0.78, "training-follow-up": 0.7}
QUESTION_LEAN = {
    "safe_home": 0.8,
    "safe_online": 0.66,
    "safe_area": 0.68,
    "safe_relationships": 0.72,
    "involved_in_decisions": 0.64,
    "met_board": 0.38,
    "say_in_annual_report": 0.42,
    "take_part_audits": 0.45,
    "take_part_subgroups": 0.4,
    "shape_training": 0.45,
    "know_board_priorities": 0.6,
}
# Hillford's answers sit a little lower than Riverton's, so benchmarking shows a gap.
BOARD_LEAN = {"riverton": 0.0, "hillford": -0.04}
# The share of a year-ago run's answers one step lower, so this year reads better on
# these questions (about five points on safe_school) and the same on the rest.
PREVIOUS_YEAR_DIP = {
    "safe_school": 0.16,
    "adults_listen": 0.12,
    "wishes_heard": 0.12,
    "know_escalation": 0.15,
    "understood_plan": 0.1,
    "usefulness": 0.12,
}
YES_NO = {"yes": 0.74, "no": 0.12, "not_sure": 0.14}
SKIP_SHARE = 0.08
# Respondents who write anything; each writes in the first comment box, maybe more.
TEXT_SHARE = 0.37
MORE_TEXT_SHARE = 0.6
# In care, young carers and children with a social worker feel a little less safe.
VULNERABLE = {"looked_after": "yes", "young_carer": "yes", "social_worker": "yes"}
VULNERABLE_DIP = 0.12
MOOD_SPREAD = 0.1

# "About you" answers in realistic proportions: most say no, a few yes, some would rather
# not say, so some groups are big enough to break down and others are suppressed.
_PRIVATE: dict[str, float] = {"yes": 6, "no": 82, "not_sure": 6, "prefer_not_to_say": 6}
ABOUT_WEIGHTS: dict[str, dict[str, float]] = {
    "age_band": {"8-10": 46, "11-12": 48, "13-15": 55, "16-18": 39, "prefer_not_to_say": 5},
    "ethnic_group": {"white": 72, "asian": 10, "black": 5, "mixed": 6, "other": 1.5,
                     "not_sure": 2.5, "prefer_not_to_say": 3},
    "disability": {**_PRIVATE, "yes": 9, "no": 79},
    "looked_after": {**_PRIVATE, "yes": 1.5, "no": 86.5},
    "young_carer": _PRIVATE,
    "social_worker": {**_PRIVATE, "yes": 8, "no": 80},
    "relationship_to_child": {"parent": 84, "grandparent": 7, "other_relative": 4, "other": 2,
                              "prefer_not_to_say": 3},
    "help_type": {"early_help": 46, "child_in_need": 22, "child_protection": 14,
                  "looked_after": 3, "not_sure": 11, "prefer_not_to_say": 4},
    "agency": {"police": 12, "health": 24, "education": 30, "childrens_social_care": 16,
               "early_help": 9, "voluntary_sector": 5, "other": 2, "prefer_not_to_say": 2},
}  # fmt: skip

# Each board's Touchstones panel: members per agency (40 in all), levels dealt in turn
# (six frontline, three managers, one senior leader in every ten), and the made-up
# domain of each agency's addresses, like member07@riverton-police.example.
PANEL_AGENCIES = {
    "police": 6, "health": 8, "childrens_social_care": 10, "education": 7,
    "early_help": 4, "voluntary_sector": 3, "other": 2,
}  # fmt: skip
PANEL_LEVELS = ("frontline", "manager", "frontline", "frontline", "manager",
                "frontline", "senior", "frontline", "manager", "frontline")  # fmt: skip
PANEL_DOMAINS = {
    "police": "police", "health": "nhs", "childrens_social_care": "council",
    "education": "schools", "early_help": "earlyhelp", "voluntary_sector": "charity",
    "other": "partners",
}  # fmt: skip

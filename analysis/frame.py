"""The tidy answer frame every analysis function reads: its column names, in one place.

The loader in ``app.results.loader`` builds it, one row per answer (a multiple-choice
question gives one row per option chosen). Columns:

- ``response``: an opaque id shared by the answers of one response;
- ``survey``, ``board``, ``region``: slugs; ``audience``: child, family, practitioner or
  training; ``questionnaire`` and ``version``: the definition the survey ran;
- ``section`` and ``priority``: the survey's quality-assurance section ("A" to "E", or a
  board's own) and business-plan priority, "" when not given;
- ``question``, ``type``, ``order`` (its place in the questionnaire), ``framework``,
  ``level``, ``kirkpatrick`` (each "" when untagged) and ``themes`` ("|"-joined tags);
- ``value`` (as stored), ``number`` (scale answers, else NaN), ``sentiment`` (text
  answers' polarity from -1 to 1, worked out when stored, else NaN);
- ``day``: the day the response was sent (a ``datetime64`` at midnight);
- ``about:<key>``: the respondent's own answer to each "about you" question (age band,
  ethnic group...), repeated on every row of the response, "" when not given.
"""

RESPONSE = "response"
SURVEY = "survey"
BOARD = "board"
REGION = "region"
AUDIENCE = "audience"
QUESTIONNAIRE = "questionnaire"
VERSION = "version"
SECTION = "section"
PRIORITY = "priority"
QUESTION = "question"
TYPE = "type"
ORDER = "order"
FRAMEWORK = "framework"
LEVEL = "level"
KIRKPATRICK = "kirkpatrick"
THEMES = "themes"
VALUE = "value"
NUMBER = "number"
SENTIMENT = "sentiment"
DAY = "day"
ABOUT = "about:"

COLUMNS = (
    RESPONSE, SURVEY, BOARD, REGION, AUDIENCE, QUESTIONNAIRE, VERSION, SECTION, PRIORITY,
    QUESTION, TYPE, ORDER, FRAMEWORK, LEVEL, KIRKPATRICK, THEMES, VALUE, NUMBER, SENTIMENT, DAY,
)  # fmt: skip

# Answers that say "I'd rather not say": shown apart, never in a share's base.
PRIVATE_VALUES = frozenset({"prefer_not_to_say"})
SCALE_TYPES = frozenset({"agree", "faces", "rating", "yes_no"})
TEXT_TYPES = frozenset({"short_text", "long_text"})


def about_columns(columns: object) -> list[str]:
    """The "about you" columns of a frame, in the frame's order."""
    return [str(c) for c in columns if str(c).startswith(ABOUT)]  # type: ignore[attr-defined]

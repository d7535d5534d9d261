"""How big a questionnaire may be: the editor's forms and every import hold to the same limits."""

from app.questionnaires.definition import Definition, DefinitionError

TITLE_LENGTH = 200  # Questionnaire.title holds 200
SLUG_LENGTH = 72  # Questionnaire.slug holds 80: room for "-NNN"
SUMMARY_LENGTH = 1000
INTRO_LENGTH = 2000
SECTION_TITLE_LENGTH = 200
TEXT_LENGTH = 500
HINT_LENGTH = 500
LABEL_LENGTH = 200
MAX_OPTIONS = 40
MAX_SECTIONS = 30
# A page's questions arrive in one POST, which carries at most MAX_FORM_PARTS fields.
MAX_PER_SECTION = 40
MAX_QUESTIONS = 150
MAX_IMPORT_BYTES = 200 * 1024


def check_limits(definition: Definition) -> None:
    """Raise DefinitionError naming the first text or count over its limit."""
    _length("title", definition.title, TITLE_LENGTH)
    _length("summary", definition.summary, SUMMARY_LENGTH)
    _length("intro", definition.intro, INTRO_LENGTH)
    _count("too many pages (sections)", len(definition.sections), MAX_SECTIONS)
    total = sum(len(section.questions) for section in definition.sections)
    _count("too many questions", total, MAX_QUESTIONS)
    for section in definition.sections:
        _length(f'page "{section.title[:40]}": title', section.title, SECTION_TITLE_LENGTH)
        where = f'page "{section.title[:40]}"'
        _count(f"too many questions on {where}", len(section.questions), MAX_PER_SECTION)
        for question in section.questions:
            where = f'question "{question.key}":'
            _length(f"{where} text", question.text, TEXT_LENGTH)
            _length(f"{where} hint", question.hint or "", HINT_LENGTH)
            _count(f"{where} too many options", len(question.options), MAX_OPTIONS)
            for option in question.options:
                _length(f"{where} option label", option.label, LABEL_LENGTH)


def _length(what: str, text: str, limit: int) -> None:
    if len(text) > limit:
        raise DefinitionError(f"{what} is longer than {limit:,} characters")


def _count(problem: str, number: int, limit: int) -> None:
    if number > limit:
        raise DefinitionError(f"{problem} ({number}; at most {limit})")

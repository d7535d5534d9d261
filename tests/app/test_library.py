from collections import defaultdict

import pytest

from analysis.readability import GRADE_LIMITS, hard_texts, question_texts
from app.questionnaires.definition import Definition, Question
from app.questionnaires.library import LIBRARY_DIR, library_definition, load_library
from app.questionnaires.yaml_io import dump_yaml, load_yaml

AUDIENCES = {
    "feeling-safe-8-12": "child",
    "feeling-safe-13-18": "child",
    "my-experience-of-help": "child",
    "family-experience": "family",
    "touchstones-quick-check": "practitioner",
    "frontline-practitioner": "practitioner",
    "training-before": "training",
    "training-after": "training",
    "training-follow-up": "training",
}
CORE_FEELING_SAFE = {
    "safe_home",
    "safe_school",
    "safe_online",
    "safe_area",
    "know_who_to_tell",
    "adults_listen",
    "make_safer",
}
SPECIAL_GROUPS = {"looked_after", "young_carer", "disability", "social_worker", "ethnic_group"}
PRIVATE_THEMES = {"about-you", "special-groups"}
SLUGS = sorted(path.stem for path in LIBRARY_DIR.glob("*.yaml"))


def by_key(definition: Definition) -> dict[str, Question]:
    return {question.key: question for question in definition.questions()}


def test_every_library_file_loads_with_its_file_name_as_slug() -> None:
    assert [definition.slug for definition in load_library()] == SLUGS
    assert set(AUDIENCES) <= set(SLUGS)


def test_library_is_sorted_and_cached() -> None:
    slugs = [definition.slug for definition in load_library()]

    assert slugs == sorted(slugs)
    assert library_definition("family-experience") is library_definition("family-experience")


def test_unknown_slug_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        library_definition("no-such-questionnaire")


@pytest.mark.parametrize("slug", sorted(AUDIENCES))
def test_audience(slug: str) -> None:
    assert library_definition(slug).audience == AUDIENCES[slug]


@pytest.mark.parametrize("slug", SLUGS)
def test_library_file_round_trips_through_yaml(slug: str) -> None:
    definition = library_definition(slug)

    assert load_yaml(dump_yaml(definition)) == definition


def test_feeling_safe_versions_share_their_core_questions() -> None:
    young = by_key(library_definition("feeling-safe-8-12"))
    older = by_key(library_definition("feeling-safe-13-18"))

    assert CORE_FEELING_SAFE | SPECIAL_GROUPS | {"age_band"} <= young.keys() & older.keys()
    for key in CORE_FEELING_SAFE:
        assert young[key].type == older[key].type, key
        assert young[key].options == older[key].options, key
    assert young["safe_home"].options[0].label == "Not safe at all"
    assert young["safe_home"].options[-1].label == "Very safe"
    assert young["know_who_to_tell"].type == "yes_no"
    assert young["make_safer"].type == "long_text"


@pytest.mark.parametrize("slug", ["feeling-safe-8-12", "feeling-safe-13-18"])
def test_feeling_safe_pages_are_short(slug: str) -> None:
    definition = library_definition(slug)

    assert 2 <= len(definition.sections) <= 4
    assert all(len(section.questions) <= 4 for section in definition.sections)
    assert definition.age_range == slug.removeprefix("feeling-safe-")


def test_a_key_has_the_same_type_in_every_questionnaire() -> None:
    types: dict[str, set[str]] = defaultdict(set)
    for definition in load_library():
        for question in definition.questions():
            types[question.key].add(question.type)

    assert {key: kinds for key, kinds in types.items() if len(kinds) > 1} == {}


def test_touchstones_is_one_page_of_three_questions_and_two_optional_about_the_role() -> None:
    definition = library_definition("touchstones-quick-check")
    questions = list(definition.questions())
    asked = [q.type for q in questions if "about-you" not in q.tags.themes]
    about = [q for q in questions if "about-you" in q.tags.themes]

    assert len(definition.sections) == 1
    assert asked == ["rating", "agree", "short_text"]
    # Agency and role level, for breakdowns of the panel's answers; never required.
    assert [q.key for q in about] == ["agency", "role_level"]
    assert not any(q.required for q in about)
    assert all("prefer_not_to_say" in [o.value for o in q.options] for q in about)


@pytest.mark.parametrize(
    ("slug", "phase"),
    [
        ("training-before", "before"),
        ("training-after", "after"),
        ("training-follow-up", "follow_up"),
    ],
)
def test_training_phases_measure_every_outcome(slug: str, phase: str) -> None:
    definition = library_definition(slug)
    questions = by_key(definition)
    before = by_key(library_definition("training-before"))

    assert definition.phase == phase
    for key in ("confidence", "knowledge"):
        assert questions[key].per_outcome
        assert questions[key].tags.kirkpatrick == "learning"
        assert questions[key] == before[key], "the phases must ask the same thing to compare"


def test_training_reaction_is_asked_after_and_behaviour_at_follow_up() -> None:
    levels = {
        slug: {q.tags.kirkpatrick for q in library_definition(slug).questions()}
        for slug in ("training-before", "training-after", "training-follow-up")
    }
    follow_up = by_key(library_definition("training-follow-up"))

    assert levels["training-before"] == {"learning"}
    assert "reaction" in levels["training-after"]
    after = by_key(library_definition("training-after"))
    assert {"relevant_to_role", "overall_rating", "would_recommend"} <= after.keys()
    assert "behaviour" in levels["training-follow-up"]
    assert follow_up["practice_example"].type == "long_text"
    assert {"used_in_practice", "barriers"} <= follow_up.keys()


def test_expanded_training_questionnaire_names_each_outcome() -> None:
    expanded = library_definition("training-after").expand_outcomes(["spot neglect"])

    assert by_key(expanded)["confidence.1"].text.endswith("spot neglect")


def test_frontline_survey_covers_every_level_and_agency() -> None:
    definition = library_definition("frontline-practitioner")
    questions = list(definition.questions())
    agency = by_key(definition)["agency"]

    assert all(question.tags.framework == "frontline" for question in questions)
    assert {q.tags.level for q in questions} >= {"strategic", "operational", "individual"}
    assert agency.type == "single"
    assert [option.value for option in agency.options][-1] == "prefer_not_to_say"
    assert len(agency.options) == 8


@pytest.mark.parametrize("slug", SLUGS)
def test_about_you_questions_are_optional_and_offer_prefer_not_to_say(slug: str) -> None:
    questions = library_definition(slug).questions()
    private = [q for q in questions if PRIVATE_THEMES & set(q.tags.themes)]

    for question in private:
        assert not question.required, question.key
        assert question.type in ("single", "age_band"), question.key
        assert "prefer_not_to_say" in [o.value for o in question.options], question.key


def test_child_surveys_ask_about_special_groups() -> None:
    for slug in ("feeling-safe-8-12", "feeling-safe-13-18"):
        questions = by_key(library_definition(slug))
        assert all("special-groups" in questions[key].tags.themes for key in SPECIAL_GROUPS)


@pytest.mark.parametrize("slug", SLUGS)
def test_every_question_is_tagged(slug: str) -> None:
    definition = library_definition(slug)
    for question in definition.questions():
        assert question.tags.themes, question.key
        if definition.audience == "training":
            assert question.tags.kirkpatrick, question.key
        else:
            assert question.tags.framework, question.key


@pytest.mark.parametrize(
    "slug",
    ["feeling-safe-8-12", "feeling-safe-13-18", "my-experience-of-help", "family-experience"],
)
def test_nothing_is_required_of_children_and_families(slug: str) -> None:
    assert not any(question.required for question in library_definition(slug).questions())


@pytest.mark.parametrize(
    ("slug", "limit"),
    [
        ("feeling-safe-8-12", GRADE_LIMITS["8-12"]),
        ("my-experience-of-help", GRADE_LIMITS["8-12"]),
        ("feeling-safe-13-18", GRADE_LIMITS["13-18"]),
    ],
)
def test_children_can_read_every_question(slug: str, limit: float) -> None:
    texts = [
        text
        for q in library_definition(slug).questions()
        for text in question_texts(q.key, q.text, q.hint, [option.label for option in q.options])
    ]

    assert hard_texts(texts, limit) == []

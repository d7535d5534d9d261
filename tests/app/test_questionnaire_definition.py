import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from app.questionnaires.definition import (
    AUDIENCES,
    PHASES,
    QUESTION_TYPES,
    SCALES,
    Definition,
    DefinitionError,
    Option,
    Question,
    Tags,
    parse_definition,
)
from app.questionnaires.yaml_io import definition_to_dict, dump_yaml, load_yaml


def make_question(key: str = "safe_home", **fields: Any) -> dict[str, Any]:
    return {"key": key, "type": "faces", "text": "How safe do you feel at home?", **fields}


def make_data(*questions: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {
        "slug": "feeling-safe",
        "title": "Feeling safe",
        "audience": "child",
        "version": 1,
        "summary": "Where children feel safe.",
        "intro": "There are no right or wrong answers.",
        "sections": [{"title": "About you", "questions": list(questions) or [make_question()]}],
        **fields,
    }


def make_training(**fields: Any) -> dict[str, Any]:
    confidence = make_question(
        "confidence", type="rating", per_outcome=True, text="How confident are you: {outcome}"
    )
    return make_data(confidence, **{"audience": "training", "phase": "after", **fields})


def rich_data() -> dict[str, Any]:
    return make_data(
        make_question(tags={"framework": "children", "themes": ["feeling-safe", "home"]}),
        make_question("listen", options=["Never", "Rarely", "Sometimes", "Often", "Always"]),
        make_question("agree_q", type="agree", text="Adults listen to me.", required=True),
        make_question("tell", type="yes_no", text="Would you know who to tell?", hint="Or ask."),
        make_question(
            "pet",
            type="multi",
            text="Which pets do you have?",
            options=[{"value": "cat", "label": "A cat"}, {"value": "dog", "label": "A dog"}],
        ),
        make_question("age", type="age_band", text="How old are you?"),
        make_question("score", type="rating", text="Score it."),
        make_question("note", type="short_text", text="Anything else?", max_length=80),
        make_question("story", type="long_text", text="Tell us more. Gérard's café."),
        age_range="8-12",
    )


def test_good_definition_parses_with_scale_defaults() -> None:
    definition = parse_definition(rich_data())
    questions = {question.key: question for question in definition.questions()}

    assert definition.slug == "feeling-safe"
    assert definition.age_range == "8-12"
    assert definition.phase is None
    assert [q.key for q in definition.questions()] == list(questions)
    assert questions["safe_home"].options == SCALES["faces"]
    assert questions["safe_home"].tags == Tags("children", None, None, ("feeling-safe", "home"))
    assert questions["listen"].options[0] == Option("1", "Never")
    assert [o.value for o in questions["listen"].options] == ["1", "2", "3", "4", "5"]
    assert questions["agree_q"].options == SCALES["agree"]
    assert questions["agree_q"].required is True
    assert questions["tell"].hint == "Or ask."
    assert questions["age"].options == SCALES["age_band"]
    assert [o.value for o in questions["score"].options] == [str(n) for n in range(11)]
    assert questions["note"].max_length == 80
    assert questions["story"].max_length == 2000
    assert questions["story"].options == ()
    assert questions["safe_home"].required is False
    assert questions["safe_home"].max_length is None


def test_short_text_defaults_to_200_characters() -> None:
    definition = parse_definition(make_data(make_question(type="short_text")))

    assert next(definition.questions()).max_length == 200


def test_constants_match_the_brief() -> None:
    assert set(QUESTION_TYPES) == {
        "agree", "faces", "yes_no", "single", "multi", "rating", "short_text", "long_text",
        "age_band",
    }  # fmt: skip
    assert AUDIENCES == ("child", "family", "practitioner", "training")
    assert PHASES == ("before", "after", "follow_up")
    assert [o.label for o in SCALES["agree"]][2] == "Neither agree nor disagree"
    assert [o.label for o in SCALES["faces"]] == [
        "Very unhappy", "Unhappy", "Okay", "Happy", "Very happy",
    ]  # fmt: skip
    assert [o.value for o in SCALES["yes_no"]] == ["yes", "no", "not_sure"]
    assert SCALES["age_band"][0] == Option("8-10", "8 to 10")
    assert SCALES["age_band"][-1] == Option("prefer_not_to_say", "Prefer not to say")


def test_definitions_are_frozen() -> None:
    definition = parse_definition(make_data())

    with pytest.raises(dataclasses.FrozenInstanceError):
        definition.title = "Changed"  # type: ignore[misc]


def without(data: dict[str, Any], name: str) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key != name}


BAD_CASES: list[tuple[str, Callable[[], Any], str]] = [
    (
        "unknown type",
        lambda: make_data(make_question(type="smiley")),
        'question "safe_home": unknown type "smiley"',
    ),
    (
        "missing type",
        lambda: make_data(without(make_question(), "type")),
        'question "safe_home": missing type',
    ),
    (
        "duplicate key",
        lambda: make_data(make_question(), make_question(text="Again?")),
        'duplicate key "safe_home"',
    ),
    (
        "missing text",
        lambda: make_data(make_question(text="  ")),
        'question "safe_home": missing text',
    ),
    (
        "missing key",
        lambda: make_data(make_question(), without(make_question(), "key")),
        'question 2 in section "About you": missing key',
    ),
    (
        "bad key",
        lambda: make_data(make_question("Safe-Home")),
        'question 1 in section "About you": bad key "Safe-Home": '
        "use a-z, 0-9 and _, starting with a letter",
    ),
    (
        "too few options",
        lambda: make_data(
            make_question(type="single", options=[{"value": "cat", "label": "A cat"}])
        ),
        'question "safe_home": type "single" needs at least 2 options, got 1',
    ),
    (
        "no options for multi",
        lambda: make_data(make_question(type="multi")),
        'question "safe_home": missing options',
    ),
    (
        "unknown question field",
        lambda: make_data(make_question(colour="blue")),
        'question "safe_home": unknown field "colour"',
    ),
    ("unknown top-level field", lambda: make_data(colour="blue"), 'unknown field "colour"'),
    (
        "unknown tag field",
        lambda: make_data(make_question(tags={"colour": "blue"})),
        'question "safe_home": tags: unknown field "colour"',
    ),
    (
        "unknown option field",
        lambda: make_data(
            make_question(
                type="single",
                options=[
                    {"value": "a", "label": "A", "colour": "red"},
                    {"value": "b", "label": "B"},
                ],
            )
        ),
        'question "safe_home": option 1: unknown field "colour"',
    ),
    (
        "faces labels count",
        lambda: make_data(make_question(options=["Sad", "Okay", "Happy"])),
        'question "safe_home": faces needs exactly 5 labels, got 3',
    ),
    (
        "options on a fixed scale",
        lambda: make_data(make_question(type="agree", options=["No", "Yes"])),
        'question "safe_home": type "agree" takes no options',
    ),
    (
        "unquoted yes as an option value",
        lambda: make_data(
            make_question(
                type="single",
                options=[{"value": True, "label": "Yes"}, {"value": "no", "label": "No"}],
            )
        ),
        'question "safe_home": option 1: value must be text (put it in quotes)',
    ),
    (
        "duplicate option value",
        lambda: make_data(
            make_question(
                type="single",
                options=[{"value": "a", "label": "A"}, {"value": "a", "label": "Also A"}],
            )
        ),
        'question "safe_home": duplicate option value "a"',
    ),
    (
        "max_length too big",
        lambda: make_data(make_question(type="long_text", max_length=5001)),
        'question "safe_home": max_length must be a whole number from 1 to 5000',
    ),
    (
        "max_length on a scale",
        lambda: make_data(make_question(max_length=10)),
        'question "safe_home": type "faces" takes no max_length',
    ),
    (
        "required not a flag",
        lambda: make_data(make_question(required="yes")),
        'question "safe_home": required must be true or false',
    ),
    ("unknown audience", lambda: make_data(audience="kids"), 'unknown audience "kids"'),
    (
        "phase outside training",
        lambda: make_data(phase="after"),
        'phase is only for audience "training"',
    ),
    ("training without phase", lambda: without(make_training(), "phase"), "missing phase"),
    ("unknown phase", lambda: make_training(phase="during"), 'unknown phase "during"'),
    (
        "age range for families",
        lambda: make_data(audience="family", age_range="8-12"),
        'age_range is only for audience "child"',
    ),
    (
        "bad age range",
        lambda: make_data(age_range="12-8"),
        'bad age_range "12-8": write it like "8-12"',
    ),
    (
        "unknown framework",
        lambda: make_data(make_question(tags={"framework": "adults"})),
        'question "safe_home": unknown framework "adults"',
    ),
    (
        "level without frontline",
        lambda: make_data(make_question(tags={"framework": "children", "level": "strategic"})),
        'question "safe_home": level needs framework "frontline"',
    ),
    (
        "unknown kirkpatrick level",
        lambda: make_data(make_question(tags={"kirkpatrick": "results"})),
        'question "safe_home": unknown kirkpatrick "results"',
    ),
    (
        "bad theme",
        lambda: make_data(make_question(tags={"themes": ["Feeling Safe"]})),
        'question "safe_home": bad theme "Feeling Safe": use a-z, 0-9 and -',
    ),
    (
        "per_outcome without a placeholder",
        lambda: make_data(make_question(per_outcome=True)),
        'question "safe_home": per_outcome needs "{outcome}" in the text',
    ),
    (
        "placeholder without per_outcome",
        lambda: make_data(make_question(text="How sure are you of {outcome}?")),
        'question "safe_home": "{outcome}" needs per_outcome: true',
    ),
    ("missing title", lambda: without(make_data(), "title"), "missing title"),
    (
        "bad slug",
        lambda: make_data(slug="Feeling Safe"),
        'bad slug "Feeling Safe": use lowercase words joined by -',
    ),
    ("version zero", lambda: make_data(version=0), "version must be a whole number of at least 1"),
    ("no sections", lambda: make_data(sections=[]), "missing sections"),
    (
        "section without questions",
        lambda: make_data(sections=[{"title": "Home", "questions": []}]),
        'section "Home": missing questions',
    ),
    (
        "section without title",
        lambda: make_data(sections=[{"questions": [make_question()]}]),
        "section 1: missing title",
    ),
    ("not a mapping", lambda: ["slug"], "a questionnaire must be a mapping of fields"),
]


@pytest.mark.parametrize(
    ("build", "message"),
    [(build, message) for _, build, message in BAD_CASES],
    ids=[name for name, _, _ in BAD_CASES],
)
def test_bad_definition_names_the_problem(build: Callable[[], Any], message: str) -> None:
    with pytest.raises(DefinitionError) as caught:
        parse_definition(build())

    assert str(caught.value) == message


def test_to_dict_round_trips_and_leaves_defaults_out() -> None:
    definition = parse_definition(rich_data())
    data = definition_to_dict(definition)

    assert parse_definition(data) == definition
    assert "options" not in data["sections"][0]["questions"][0]
    assert "max_length" not in data["sections"][0]["questions"][-1]


def test_yaml_round_trip_is_equal_and_keeps_unicode() -> None:
    definition = parse_definition(rich_data())
    text = dump_yaml(definition)

    assert load_yaml(text) == definition
    assert "Gérard's café" in text
    assert text.startswith("slug: feeling-safe\ntitle: Feeling safe\n")


def test_yaml_round_trip_of_a_training_definition() -> None:
    definition = parse_definition(make_training())

    assert load_yaml(dump_yaml(definition)) == definition


def test_bad_yaml_is_a_definition_error() -> None:
    with pytest.raises(DefinitionError, match=r"^not valid YAML: "):
        load_yaml("slug: [unclosed")


def test_yaml_that_is_not_a_mapping_is_a_definition_error() -> None:
    with pytest.raises(DefinitionError, match=r"^a questionnaire must be a mapping of fields$"):
        load_yaml("- just\n- a list\n")


def test_expand_outcomes_repeats_each_per_outcome_question() -> None:
    knowledge = make_question(
        "knowledge",
        type="rating",
        per_outcome=True,
        text="What do you know: {outcome}",
        hint="About {outcome}.",
    )
    plain = make_question("overall", type="rating", text="Overall?")
    data = make_training()
    data["sections"][0]["questions"] += [knowledge, plain]
    definition = parse_definition(data)

    expanded = definition.expand_outcomes(["spot neglect", "escalate a concern"])
    questions = list(expanded.questions())

    assert [q.key for q in questions] == [
        "confidence.1", "confidence.2", "knowledge.1", "knowledge.2", "overall",
    ]  # fmt: skip
    assert questions[0].text == "How confident are you: spot neglect"
    assert questions[3].text == "What do you know: escalate a concern"
    assert questions[3].hint == "About escalate a concern."
    assert not any(q.per_outcome for q in questions)
    assert questions[4] == Question("overall", "rating", "Overall?", options=SCALES["rating"])
    assert expanded.title == definition.title


def test_expand_outcomes_without_per_outcome_questions_is_a_no_op() -> None:
    definition = parse_definition(make_data())

    assert definition.expand_outcomes([]) is definition


@pytest.mark.parametrize("outcomes", [[], ["spot neglect", "  "]])
def test_expand_outcomes_needs_real_outcomes(outcomes: list[str]) -> None:
    definition = parse_definition(make_training())

    with pytest.raises(ValueError, match="at least one outcome"):
        definition.expand_outcomes(outcomes)


def test_questions_walks_every_section_in_order() -> None:
    first = {"title": "One", "questions": [make_question("a"), make_question("b")]}
    second = {"title": "Two", "questions": [make_question("c")]}
    definition: Definition = parse_definition(make_data(sections=[first, second]))

    assert [q.key for q in definition.questions()] == ["a", "b", "c"]
    assert [s.title for s in definition.sections] == ["One", "Two"]


def test_yaml_errors_are_one_line_with_a_place() -> None:
    with pytest.raises(DefinitionError) as error:
        load_yaml("slug: a\ntitle: [unclosed\n")

    assert str(error.value).startswith("not valid YAML: ")
    assert "(line 3, column 1)" in str(error.value)
    assert "\n" not in str(error.value)


def test_yaml_nested_too_deeply_is_a_definition_error() -> None:
    with pytest.raises(DefinitionError, match="nested too deeply"):
        load_yaml("[" * 5000)


def test_yaml_aliases_cannot_expand_into_millions_of_values() -> None:
    options = "\n".join(f"  - {{value: v{n}, label: L{n}}}" for n in range(40))
    question = "{key: k, type: single, text: T, options: *opts}"
    text = (
        f"opts: &opts\n{options}\n"
        f"qs: &qs [{', '.join([question] * 100)}]\n"
        f"sections: [{', '.join(['{title: S, questions: *qs}'] * 100)}]\n"
    )

    with pytest.raises(DefinitionError, match="too big: more than 20,000 values"):
        load_yaml(text)

"""The editor's pure functions: each returns a new definition, keeps keys, and names problems."""

import pytest

from app.questionnaires.definition import SCALES, Definition, Option, Tags, parse_definition
from app.questionnaires.editing import (
    EditError,
    Wording,
    add_question,
    add_section,
    build_options,
    move_question,
    new_key,
    remove_question,
    remove_section,
    rename_section,
    reword_question,
    set_details,
    slug_for,
    starter,
)
from app.questionnaires.library import library_definition
from app.questionnaires.readability import grade_limit, reading_warnings
from app.questionnaires.yaml_io import definition_to_dict
from tests.conftest import SAMPLE_DEFINITION

HARD = (
    "Notwithstanding the aforementioned considerations, how comprehensively does "
    "organisational accountability necessitate evaluation?"
)


@pytest.fixture
def sample() -> Definition:
    return parse_definition(SAMPLE_DEFINITION)


def layout(definition: Definition) -> list[list[str]]:
    return [[q.key for q in section.questions] for section in definition.sections]


def valid(definition: Definition) -> Definition:
    """The definition survives the same round trip the store makes."""
    return parse_definition(definition_to_dict(definition))


def test_new_key_comes_from_the_wording_and_avoids_taken_keys() -> None:
    assert new_key("How safe do you feel in the park?", set()) == "how_safe_do_you_feel_in_the_park"
    assert new_key("Safe?", {"safe"}) == "safe_2"
    assert new_key("Safe?", {"safe", "safe_2"}) == "safe_3"
    assert new_key("2 things you'd change", set()) == "q_2_things_you_d_change"
    assert new_key("¿?", set()) == "question"


def test_long_wording_gives_a_key_cut_at_a_word() -> None:
    key = new_key("When you think about the adults who work at your school, who listens?", set())

    assert key == "when_you_think_about_the_adults_who_work"
    assert len(key) <= 40


def test_slug_for_title() -> None:
    assert slug_for("Feeling safe: Riverton 2027!") == "feeling-safe-riverton-2027"
    assert slug_for("***") == "questionnaire"


def test_add_question_appends_to_the_page_with_a_new_key(sample: Definition) -> None:
    lines = ((None, "Home"), (None, "A club"), ("friends", "A friend's house"))
    wording = Wording("Where do you go after school?", "Pick one", False, lines)

    edited = valid(add_question(sample, 0, "single", wording, reserved={"where_do_you_go"}))

    added = edited.sections[0].questions[-1]
    assert added.key == "where_do_you_go_after_school"
    assert added.hint == "Pick one"
    assert added.options == (
        Option("home", "Home"),
        Option("a_club", "A club"),
        Option("friends", "A friend's house"),
    )
    assert layout(sample)[0] + [added.key] == layout(edited)[0]
    assert layout(sample)[1] == layout(edited)[1]


@pytest.mark.parametrize("qtype", [*SCALES, "single", "multi", "short_text", "long_text"])
def test_every_type_can_be_added(sample: Definition, qtype: str) -> None:
    lines = ((None, "First"), (None, "Second")) if qtype in ("single", "multi") else ()

    edited = valid(add_question(sample, 1, qtype, Wording("A new question?", options=lines)))

    assert edited.sections[1].questions[-1].type == qtype


def test_new_key_avoids_keys_already_in_the_questionnaire(sample: Definition) -> None:
    edited = add_question(sample, 0, "yes_no", Wording("Safe school"))
    again = add_question(edited, 0, "yes_no", Wording("Safe school"))

    assert [q.key for q in again.sections[0].questions][-2:] == ["safe_school_2", "safe_school_3"]


def test_unknown_type_is_refused(sample: Definition) -> None:
    with pytest.raises(EditError, match="Choose a type"):
        add_question(sample, 0, "essay", Wording("Write"))


def test_blank_wording_is_refused(sample: Definition) -> None:
    with pytest.raises(EditError, match="Enter the question"):
        add_question(sample, 0, "yes_no", Wording("   "))


def test_reword_keeps_key_type_and_option_values(sample: Definition) -> None:
    wording = Wording("Where do you feel safest?", "", True,
                      (("home", "At home"), ("school", "School"), (None, "The park")))  # fmt: skip

    edited = valid(reword_question(sample, "places", wording))

    question = {q.key: q for q in edited.questions()}["places"]
    assert (question.type, question.text, question.required) == ("multi", wording.text, True)
    assert [(o.value, o.label) for o in question.options] == [
        ("home", "At home"), ("school", "School"), ("the_park", "The park"),
    ]  # fmt: skip
    assert layout(edited) == layout(sample)


def test_added_question_carries_its_tags_or_none(sample: Definition) -> None:
    tags = Tags("frontline", "strategic", None, ("priorities", "annual-report"))

    tagged = valid(add_question(sample, 0, "agree", Wording("I know the priorities", tags=tags)))
    untagged = valid(add_question(sample, 0, "agree", Wording("I know the board")))

    assert {q.key: q for q in tagged.questions()}["i_know_the_priorities"].tags == tags
    assert {q.key: q for q in untagged.questions()}["i_know_the_board"].tags == Tags()


def test_reword_sets_tags_and_keeps_them_when_none_given(sample: Definition) -> None:
    tags = Tags("children", None, None, ("feeling-safe", "school"))

    retagged = valid(reword_question(sample, "safe_school", Wording("At school?", tags=tags)))
    kept = reword_question(retagged, "safe_school", Wording("Safe at school?"))

    assert {q.key: q.tags for q in retagged.questions()}["safe_school"] == tags
    assert {q.key: q.tags for q in kept.questions()}["safe_school"] == tags
    assert layout(retagged) == layout(sample)


def test_reword_of_a_fixed_scale_keeps_its_answers(sample: Definition) -> None:
    edited = reword_question(sample, "adults_listen", Wording("Grown-ups listen to me."))

    question = {q.key: q for q in edited.questions()}["adults_listen"]
    assert question.options == SCALES["agree"]
    assert question.text == "Grown-ups listen to me."


def test_reword_of_a_missing_question_is_refused(sample: Definition) -> None:
    with pytest.raises(EditError, match="no longer in this questionnaire"):
        reword_question(sample, "nope", Wording("Anything"))


def test_build_options_rules() -> None:
    labels = tuple((None, f"Face {n}") for n in range(1, 6))

    assert build_options("faces", ()) == SCALES["faces"]
    assert [o.value for o in build_options("faces", labels)] == ["1", "2", "3", "4", "5"]
    assert build_options("age_band", ()) == SCALES["age_band"]
    assert build_options("rating", ((None, "ignored"),)) == SCALES["rating"]
    assert build_options("long_text", ((None, "ignored"),)) == ()
    with pytest.raises(EditError, match="exactly 5"):
        build_options("faces", labels[:4])
    with pytest.raises(EditError, match="at least 2"):
        build_options("single", ((None, "Only one"),))
    with pytest.raises(EditError, match='"yes" is used for two answers'):
        build_options("single", (("yes", "Yes"), ("yes", "Yes please")))


def test_derived_values_never_clash_with_given_ones() -> None:
    options = build_options("multi", ((None, "Home"), ("home", "My home"), (None, "Home!")))

    assert [o.value for o in options] == ["home_2", "home", "home_3"]


def test_move_within_a_page_and_across_pages(sample: Definition) -> None:
    down = move_question(sample, "safe_school", 1)
    assert layout(down)[0] == ["adults_listen", "safe_school", "know_who"]

    onto_next = move_question(sample, "know_who", 1)
    assert layout(onto_next) == [["safe_school", "adults_listen"], ["know_who", *layout(sample)[1]]]

    onto_previous = move_question(sample, "places", -1)
    assert layout(onto_previous)[0] == ["safe_school", "adults_listen", "know_who", "places"]


def test_move_past_either_end_is_refused(sample: Definition) -> None:
    with pytest.raises(EditError, match="already first"):
        move_question(sample, "safe_school", -1)
    with pytest.raises(EditError, match="already last"):
        move_question(sample, "safer", 1)


def test_moving_the_only_question_off_its_page_is_refused(sample: Definition) -> None:
    alone = add_section(sample, "Last page", "yes_no", Wording("Anything else?"))
    with pytest.raises(EditError, match="only question on its page"):
        move_question(alone, "anything_else", -1)


def test_remove_question_but_never_a_page_s_last(sample: Definition) -> None:
    edited = remove_question(sample, "adults_listen")
    assert layout(edited)[0] == ["safe_school", "know_who"]

    single = add_section(sample, "Last page", "yes_no", Wording("Anything else?"))
    with pytest.raises(EditError, match="only question on its page"):
        remove_question(single, "anything_else")


def test_sections_add_rename_remove(sample: Definition) -> None:
    added = valid(add_section(sample, "  Extra  ", "long_text", Wording("Tell us more")))
    assert [s.title for s in added.sections] == ["About school", "Your ideas", "Extra"]
    assert layout(added)[2] == ["tell_us_more"]

    renamed = rename_section(added, 2, "More")
    assert renamed.sections[2].title == "More"

    removed = remove_section(renamed, 0)
    assert [s.title for s in removed.sections] == ["Your ideas", "More"]
    with pytest.raises(EditError, match="Enter a title"):
        rename_section(sample, 0, " ")
    with pytest.raises(EditError, match="no longer in this questionnaire"):
        remove_section(sample, 5)


def test_last_page_cannot_be_removed(sample: Definition) -> None:
    with pytest.raises(EditError, match="at least one page"):
        remove_section(remove_section(sample, 0), 0)


def test_details_change_and_age_range_only_for_children(sample: Definition) -> None:
    edited = set_details(sample, "New title", "New summary", "New intro", "13-18")
    assert (edited.title, edited.intro, edited.age_range) == ("New title", "New intro", "13-18")

    family = starter("f", "Families", "About help", "family", "8-12", None)
    assert set_details(family, "T", "S", "I", "8-12").age_range is None
    with pytest.raises(EditError, match="Enter an introduction"):
        set_details(sample, "T", "S", "", "8-12")


def test_starter_is_a_valid_questionnaire_of_one_question() -> None:
    definition = valid(starter("new-one", "New one", "Asks things", "training", None, "after"))

    assert definition.phase == "after"
    assert layout(definition) == [["anything_else"]]


def test_the_original_is_never_changed(sample: Definition) -> None:
    before = definition_to_dict(sample)
    move_question(sample, "safe_school", 1)
    remove_question(sample, "know_who")
    reword_question(sample, "safer", Wording("Changed"))

    assert definition_to_dict(sample) == before


@pytest.mark.parametrize(
    ("audience", "age_range", "limit"),
    [("child", "8-12", 5.0), ("child", "8-18", 5.0), ("child", "13-18", 7.0),
     ("child", "16-25", 7.0), ("child", None, 5.0), ("family", None, None)],
)  # fmt: skip
def test_grade_limit_is_for_the_youngest_reader(audience, age_range, limit) -> None:
    assert grade_limit(audience, age_range) == limit


def test_reading_warnings_name_the_hard_question_and_option() -> None:
    definition = library_definition("feeling-safe-8-12")
    hard = reword_question(definition, "safe_home", Wording(HARD, options=(
        (None, "Not safe at all"), (None, "Not very safe"), (None, "Okay"),
        (None, "Quite safe"), (None, "Very safe"))))  # fmt: skip
    bands = (("8-10", "8 to 10"), ("11-12", "Notwithstanding organisational considerations"))
    hard = reword_question(hard, "age_band", Wording("How old are you?", options=bands))

    warnings = reading_warnings(hard)

    assert reading_warnings(definition) == {}
    assert set(warnings) == {"safe_home", "age_band"}
    assert warnings["safe_home"][0].option is None
    assert warnings["safe_home"][0].grade > 5.0
    assert [w.option for w in warnings["age_band"]] == [
        "Notwithstanding organisational considerations"
    ]


def test_adults_questionnaires_get_no_reading_warnings() -> None:
    definition = library_definition("family-experience")
    hard = reword_question(definition, next(definition.questions()).key, Wording(HARD))

    assert reading_warnings(hard) == {}

import pandas as pd
import pytest

from analysis.text.codebook import (
    MAX_PHRASE,
    STARTER_CODEBOOK,
    format_codebook,
    match_themes,
    parse_codebook,
    themes_of,
)

THEMES = (
    "Feeling safe", "Bullying", "Online", "Being listened to", "Home", "School", "Police",
    "Social worker", "Waiting", "Communication", "Training", "Procedures",
)  # fmt: skip


def test_the_starter_codebook_has_every_theme_with_a_dozen_phrases_or_more() -> None:
    assert tuple(STARTER_CODEBOOK) == THEMES
    assert all(len(phrases) >= 12 for phrases in STARTER_CODEBOOK.values())


def test_the_starter_codebook_holds_common_misspellings() -> None:
    assert {"bullied", "bulling", "picked on"} <= set(STARTER_CODEBOOK["Bullying"])


def test_the_starter_codebook_survives_its_own_text_form() -> None:
    assert parse_codebook(format_codebook(STARTER_CODEBOOK)) == (STARTER_CODEBOOK, [])


def test_parse_reads_one_theme_a_line() -> None:
    text = "Bullying: bullied, picked on\n\nHome:mum,dad\n"

    assert parse_codebook(text) == (
        {"Bullying": ("bullied", "picked on"), "Home": ("mum", "dad")},
        [],
    )


def test_parse_tidies_spaces_and_drops_empty_and_repeated_phrases_silently() -> None:
    text = "  Being   listened to :  not  heard , , Ignored,ignored,  "

    assert parse_codebook(text) == ({"Being listened to": ("not heard", "Ignored")}, [])


def test_format_gives_back_the_text_it_was_parsed_from() -> None:
    text = "Bullying: bullied, picked on\nHome: mum, dad"

    assert format_codebook(parse_codebook(text)[0]) == text


def test_parse_of_empty_text_is_an_empty_codebook() -> None:
    assert parse_codebook("") == ({}, [])
    assert format_codebook({}) == ""


def test_a_line_without_a_colon_is_a_problem_and_left_out() -> None:
    codebook, problems = parse_codebook("Home: mum\nbullied, picked on")

    assert codebook == {"Home": ("mum",)}
    assert problems == ["Line 2: no colon; write it as “Theme name: phrase, phrase”"]


def test_a_theme_without_phrases_is_a_problem_and_left_out() -> None:
    codebook, problems = parse_codebook("Home:\nSchool: , ,\nPolice: police")

    assert codebook == {"Police": ("police",)}
    assert problems == [
        "Line 1: the theme “Home” has no phrases",
        "Line 2: the theme “School” has no phrases",
    ]


def test_a_line_without_a_theme_name_is_a_problem() -> None:
    assert parse_codebook(": mum, dad") == ({}, ["Line 1: no theme name before the colon"])


def test_a_theme_given_twice_keeps_the_first_whatever_its_case() -> None:
    codebook, problems = parse_codebook("Home: mum\nhome: dad")

    assert codebook == {"Home": ("mum",)}
    assert problems == ["Line 2: the theme “home” is given twice; the first is kept"]


def test_a_phrase_over_80_characters_is_a_problem_and_dropped() -> None:
    long = "x" * (MAX_PHRASE + 1)

    codebook, problems = parse_codebook(f"Home: mum, {long}, {'y' * MAX_PHRASE}")

    assert codebook == {"Home": ("mum", "y" * MAX_PHRASE)}
    assert problems == [f"Line 1: “{'x' * 30}…” is longer than 80 characters"]


def test_a_theme_whose_only_phrase_is_too_long_has_two_problems() -> None:
    _, problems = parse_codebook(f"Home: {'x' * 81}")

    assert len(problems) == 2
    assert problems[1] == "Line 1: the theme “Home” has no phrases"


CODEBOOK = {
    "Bullying": ("bullied", "picked on"),
    "Social worker": ("social worker", "children's services"),
    "Procedures": ("multi agency",),
    "Online": ("phone",),
}


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        ("I got BULLIED at school", ["Bullying"]),
        ("bullied!!! and (picked on).", ["Bullying"]),
        ("Picked\non by older kids", ["Bullying"]),
        ("My social-worker is kind", ["Social worker"]),
        ("my social  worker and I was bullied", ["Bullying", "Social worker"]),
        ("Children\u2019s Services were slow", ["Social worker"]),
        ("Multi-agency meetings", ["Procedures"]),
        ("multi\u2013agency / multi/agency", ["Procedures"]),
        ("She rang my phone.", ["Online"]),
    ],
)
def test_a_phrase_matches_whatever_the_case_spacing_and_punctuation(
    text: str, themes: list[str]
) -> None:
    assert match_themes(text, CODEBOOK) == themes


@pytest.mark.parametrize(
    "text",
    [
        "unbullied",
        "bulliedness",
        "picked online",
        "socialworker",
        "multiagency",
        "phones",
        "smartphone",
        "call [phone] now",
        "call [PHONE] now",
        "",
        "   ",
        "😀😀😀",
    ],
)
def test_a_phrase_inside_a_longer_word_or_a_placeholder_does_not_match(text: str) -> None:
    assert match_themes(text, CODEBOOK) == []


@pytest.mark.parametrize(
    ("phrase", "hit", "miss"),
    [
        (".*", "they said .* to me", "anything at all"),
        ("(a|b", "the (a|b bit", "a or b"),
        ("a+", "a+ grade", "aaa"),
        ("[abc]", "see [abc] here", "a b c"),
        ("\\d", "a \\d here", "7 times"),
        ("c++", "learning c++ today", "c"),
        ("?", "why ? no", "why not"),
    ],
)
def test_phrases_are_literal_text_never_patterns(phrase: str, hit: str, miss: str) -> None:
    codebook = {"Odd": (phrase,)}

    assert match_themes(hit, codebook) == ["Odd"]
    assert match_themes(miss, codebook) == []


def test_empty_phrases_and_empty_codebooks_match_nothing() -> None:
    assert match_themes("anything", {"Blank": ("", "   ")}) == []
    assert match_themes("anything", {"Empty": ()}) == []
    assert match_themes("anything", {}) == []


def test_themes_come_in_codebook_order() -> None:
    codebook = {"B": ("school",), "A": ("home",)}

    assert match_themes("home and school", codebook) == ["B", "A"]


def test_themes_of_keeps_the_index_and_gives_missing_text_no_theme() -> None:
    texts = pd.Series(["I was bullied", None, float("nan"), "nothing here"], index=[7, 3, 5, 1])

    themes = themes_of(texts, CODEBOOK)

    assert themes.index.tolist() == [7, 3, 5, 1]
    assert themes.tolist() == [["Bullying"], [], [], []]


def test_themes_of_an_empty_series_is_empty() -> None:
    assert themes_of(pd.Series([], dtype=object), CODEBOOK).tolist() == []


# Texts where the quick check on words and the full search could disagree.
TRICKY = [
    "bullied", "x_bullied", "bullied_x", "[bullied]", "[name] bullied", "social_worker",
    "social worker's view", "mum's house", "mums house", "Mum\u2019s", "didn't listen",
    "didnt listen", "multi - agency", "MULTI-AGENCY", "c++ and .* and (a|b", "İstanbul",
    "straße", "the mash", "waiting-list", "at home.", "nobody, told me", "a.b", "7 times",
    "picked on", "picked\ton", "e-learning", "elearning", "e learning", "cyber-bullying",
]  # fmt: skip


def test_themes_of_agrees_with_match_themes_on_tricky_text() -> None:
    codebook = {**STARTER_CODEBOOK, "Odd": (".*", "(a|b", "c++", "a.b", "straße", "istanbul")}

    found = themes_of(pd.Series(TRICKY), codebook).tolist()

    assert found == [match_themes(text, codebook) for text in TRICKY]
    assert found[TRICKY.index("x_bullied")] == []
    assert found[TRICKY.index("[name] bullied")] == ["Bullying"]
    assert "Odd" in found[TRICKY.index("c++ and .* and (a|b")]

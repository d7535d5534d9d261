import pandas as pd

from analysis.text.quotes import pick_quotes, trim, uncategorised

# Ten comments on one theme, most negative first.
SAFE = [
    ("I never feel safe walking home", -0.8),
    ("The park at night is not safe", -0.6),
    ("Sometimes I feel unsafe on the bus", -0.4),
    ("School is mostly safe for me", -0.2),
    ("It is safe enough I think", 0.0),
    ("My street feels safe in the day", 0.1),
    ("I feel safe with my foster carer", 0.3),
    ("Staff keep us safe at school", 0.5),
    ("I feel really safe at home now", 0.7),
    ("Everyone keeps me safe and happy", 0.9),
]


def frame(rows: list[tuple[str, float]], themes: object = ("Safe",)) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "value": [text for text, _ in rows],
            "themes": [list(themes) if isinstance(themes, tuple) else themes] * len(rows),
            "sentiment": [score for _, score in rows],
        }
    )


def quotes(data: pd.DataFrame, **options: object) -> list[tuple[str, str]]:
    return pick_quotes(data, "value", "themes", "sentiment", **options)  # type: ignore[arg-type]


def test_the_most_negative_the_middle_and_the_most_positive() -> None:
    # Ten in order: positions 0, (9 + 1) // 2 = 5 and 9.
    assert quotes(frame(SAFE)) == [
        ("Safe", "I never feel safe walking home"),
        ("Safe", "My street feels safe in the day"),
        ("Safe", "Everyone keeps me safe and happy"),
    ]


def test_one_quote_a_theme_is_the_middle_one() -> None:
    assert quotes(frame(SAFE), per_theme=1) == [("Safe", "It is safe enough I think")]


def test_no_quotes_asked_for() -> None:
    assert quotes(frame(SAFE), per_theme=0) == []


def test_a_theme_under_the_group_threshold_is_never_quoted() -> None:
    home = frame(SAFE[:9], themes=("Home",))
    both = pd.concat([frame(SAFE), home], ignore_index=True)

    assert quotes(frame(SAFE[:9])) == []
    assert {theme for theme, _ in quotes(both)} == {"Safe"}
    assert quotes(frame(SAFE[:9]), min_group=9) != []


def test_short_comments_count_towards_the_group_but_are_never_quoted() -> None:
    rows = [("not safe", -0.9), *SAFE[1:]]

    # The nine long enough: positions 0, 4 and 8 of rows 1 to 9.
    assert quotes(frame(rows)) == [
        ("Safe", "The park at night is not safe"),
        ("Safe", "My street feels safe in the day"),
        ("Safe", "Everyone keeps me safe and happy"),
    ]


def test_a_comment_mostly_placeholders_once_redacted_gives_way_to_the_next() -> None:
    # Five names and four words once redacted.
    rows = [("Olivia, Amelia, Jack, Oscar, Ava: all of them here", -0.8), *SAFE[1:]]

    assert quotes(frame(rows))[0] == ("Safe", "The park at night is not safe")


def test_quotes_are_redacted_with_the_boards_places() -> None:
    rows = list(SAFE)
    rows[5] = ("My street in Riverton feels safe", 0.1)
    rows[9] = ("Everyone keeps me safe, thanks Mr Patel", 0.9)

    assert quotes(frame(rows), places=["Riverton"]) == [
        ("Safe", "I never feel safe walking home"),
        ("Safe", "My street in [place] feels safe"),
        ("Safe", "Everyone keeps me safe, thanks Mr [name]"),
    ]


def test_ties_are_broken_by_text_whatever_the_row_order() -> None:
    rows = [(text, 0.0) for text, _ in SAFE]
    expected = [
        ("Safe", "Everyone keeps me safe and happy"),
        ("Safe", "My street feels safe in the day"),
        ("Safe", "The park at night is not safe"),
    ]

    assert quotes(frame(rows)) == expected
    assert quotes(frame(rows[::-1])) == expected
    assert quotes(frame(rows).sample(frac=1, random_state=3)) == expected


def test_missing_sentiment_counts_as_neutral() -> None:
    rows = [(text, float("nan")) for text, _ in SAFE]

    assert quotes(frame(rows), per_theme=1) == [("Safe", "It is safe enough I think")]


def test_a_comment_is_quoted_under_one_theme_only() -> None:
    data = frame(SAFE, themes=("A", "B"))

    assert [text for _, text in quotes(data)] == [
        text for text, _ in (SAFE[0], SAFE[5], SAFE[9], SAFE[1], SAFE[4], SAFE[8])
    ]


def test_the_biggest_theme_comes_first_and_joined_theme_strings_are_read() -> None:
    data = pd.concat(
        [frame(SAFE, themes="Safe"), frame(SAFE[:2] + SAFE[:1], themes="Home|Safe")],
        ignore_index=True,
    )

    assert [theme for theme, _ in quotes(data)] == ["Safe", "Safe", "Safe"]
    assert quotes(data, min_group=3)[-1][0] == "Home"


def test_a_long_comment_is_trimmed() -> None:
    rows = list(SAFE)
    rows[9] = ("I feel safe " + "and happy " * 40, 0.9)

    quote = quotes(frame(rows))[-1][1]

    assert len(quote) <= 300
    assert quote.endswith("and happy and…")


def test_trim_cuts_on_a_word_boundary() -> None:
    # "word " is 5 characters: 60 of them fill 300, so 60 words and the ellipsis fit.
    assert trim("word " * 100) == "word " * 59 + "word…"
    assert trim("one, two, three", limit=10) == "one, two…"
    assert trim("a" * 400) == "a" * 299 + "…"
    assert trim("short\n  text ") == "short text"


def test_uncategorised_keeps_comments_without_a_theme() -> None:
    data = pd.DataFrame(
        {
            "value": ["x", "y", "z", "w", "", None],
            "themes": [[], ["A"], "", None, [], []],
        }
    )

    assert uncategorised(data, "value", "themes")["value"].tolist() == ["x", "z", "w"]

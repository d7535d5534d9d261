import pandas as pd

from analysis.text.phrases import STOPWORDS, frequent_phrases

# Phrases per comment, stopword ends left out:
# 1: bus, driver, kind, bus driver, driver was kind
# 2: bus, driver, shouted, bus driver, driver shouted, bus driver shouted
# 3: bus, driver, never, bus driver ("never again" ends with a stopword)
# 4: bus, stop, far, bus stop, stop is far
# So bus 4, driver 3, bus driver 3; "driver" only ever comes inside "bus driver".
BUSES = [
    "The bus driver was kind.",
    "Bus driver shouted at me",
    "the bus driver, never again",
    "bus stop is far",
]


def test_the_commonest_phrases_with_their_comment_counts() -> None:
    assert frequent_phrases(BUSES) == [("bus", 4), ("bus driver", 3)]


def test_min_count_lets_rarer_phrases_in() -> None:
    phrases = dict(frequent_phrases(BUSES, min_count=1, top=100))

    assert phrases["driver was kind"] == 1
    assert phrases["stop is far"] == 1
    assert "driver" not in phrases  # always inside "bus driver" (3)
    assert "the bus" not in phrases and "shouted at" not in phrases


def test_known_phrases_are_skipped_in_any_spelling() -> None:
    assert frequent_phrases(BUSES, known=["Bus-Driver"]) == [("bus", 4)]


def test_top_keeps_the_first_ones() -> None:
    assert frequent_phrases(BUSES, top=1) == [("bus", 4)]


def test_ties_are_in_alphabetical_order() -> None:
    texts = ["zebra crossing", "apple pie", "zebra crossing", "apple pie"]

    assert frequent_phrases(texts, min_count=2) == [("apple pie", 2), ("zebra crossing", 2)]


def test_a_phrase_counts_once_per_comment() -> None:
    assert frequent_phrases(["bus bus bus", "bus"], min_count=2) == [("bus", 2)]


def test_phrases_never_run_across_clauses() -> None:
    texts = ["kind. Driver", "kind, driver", "kind (driver)"]

    assert frequent_phrases(texts, min_count=1) == [("driver", 3), ("kind", 3)]


def test_placeholders_are_never_words() -> None:
    texts = ["[name] said hi", "[name] said hi", "[place] said hi"]

    assert frequent_phrases(texts) == [("said hi", 3)]


def test_curly_apostrophes_are_stopwords_too() -> None:
    texts = ["didn\u2019t listen", "didn't listen", "Didn\u2019t listen"]

    assert frequent_phrases(texts) == [("listen", 3)]


def test_missing_comments_are_skipped() -> None:
    texts = pd.Series(["safe", None, float("nan"), "safe", "safe"])

    assert frequent_phrases(texts) == [("safe", 3)]


def test_nothing_to_count() -> None:
    assert frequent_phrases([]) == []
    assert frequent_phrases(["the and of", "   ", "😀"], min_count=1) == []


def test_the_order_of_comments_does_not_matter() -> None:
    assert frequent_phrases(list(reversed(BUSES))) == frequent_phrases(BUSES)


def test_stopwords_are_lower_case_words() -> None:
    assert {"the", "and", "i'm", "don't"} <= STOPWORDS
    assert all(word == word.lower() and " " not in word for word in STOPWORDS)

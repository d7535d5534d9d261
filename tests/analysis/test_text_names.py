from analysis.text.names import (
    COMMON_WORDS,
    FIRST_NAMES,
    RELATIONS,
    SURNAMES,
    TITLES,
    WORD_NAMES,
)

LISTS = (FIRST_NAMES, WORD_NAMES, SURNAMES, COMMON_WORDS, RELATIONS, TITLES)


def test_every_entry_is_one_lower_case_word() -> None:
    for words in LISTS:
        assert all(w == w.lower() and w.replace("'", "").isalnum() for w in words)


def test_a_few_hundred_first_names() -> None:
    assert len(FIRST_NAMES) >= 300
    assert {"olivia", "muhammad", "amelia", "noah", "zainab"} <= FIRST_NAMES


def test_names_that_are_ordinary_words_are_kept_apart() -> None:
    assert {"will", "may", "grace", "hope", "rose"} <= WORD_NAMES
    assert not FIRST_NAMES & WORD_NAMES


def test_no_name_is_a_common_word() -> None:
    assert not (FIRST_NAMES | WORD_NAMES | SURNAMES) & COMMON_WORDS

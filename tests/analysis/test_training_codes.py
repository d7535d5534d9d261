"""Personal codes: answers normalised or refused with a clear message, hashed per part."""

import hashlib
import hmac

import pytest

from analysis.training.codes import CODE_PARTS, hash_parts, normalise

SECRET = b"a course secret, 32 bytes long.."
PART = {p.key: p for p in CODE_PARTS}
CODE = {"mother": "m", "birthday": "07", "siblings": "2", "birthplace": "L"}


def test_there_are_four_parts_and_none_asks_for_a_name_or_a_whole_date():
    assert [p.kind for p in CODE_PARTS] == ["letter", "day", "count", "letter"]
    assert len({p.key for p in CODE_PARTS}) == 4
    for part in CODE_PARTS:
        assert "name" not in part.prompt.lower().replace("first name", "")
        assert "year" not in part.prompt.lower() and "date" not in part.prompt.lower()
        assert part.hint


@pytest.mark.parametrize(
    ("key", "raw", "value"),
    [("mother", "m", "M"), ("mother", " M. ", "M"), ("mother", "É", "E"), ("mother", "ł", "Ł"),
     ("birthday", "07", "7"), ("birthday", "31st", "31"), ("birthday", " 2nd ", "2"),
     ("siblings", "0", "0"), ("siblings", "none", "0"), ("siblings", "9 or more", "9"),
     ("siblings", "12", "9"), ("siblings", "10+", "9"), ("birthplace", "l", "L")],
)  # fmt: skip
def test_answers_are_normalised_to_one_spelling(key, raw, value):
    assert normalise(PART[key], raw) == value
    assert normalise(PART[key], value) == value


@pytest.mark.parametrize(
    ("key", "raw", "message"),
    [("mother", "Mary", "Type just one letter"), ("mother", "7", "Type just one letter"),
     ("mother", "  ", "Answer this part of your code: first letter of your mother's"),
     ("birthday", "0", "a number from 1 to 31"), ("birthday", "32", "a number from 1 to 31"),
     ("birthday", "7 March", "a number from 1 to 31"), ("birthday", "", "Answer this part"),
     ("siblings", "-1", "a number from 0 to 9"), ("siblings", "two", "a number from 0 to 9"),
     ("siblings", "100", "a number from 0 to 9"), ("birthplace", "Leeds", "one letter")],
)  # fmt: skip
def test_bad_answers_are_refused_with_a_message_for_the_attendee(key, raw, message):
    with pytest.raises(ValueError, match=message):
        normalise(PART[key], raw)


def test_a_hash_is_an_hmac_of_the_part_key_and_the_normalised_answer():
    hashes = hash_parts(SECRET, CODE)
    expected = hmac.new(SECRET, b"mother\x1fM", hashlib.sha256).hexdigest()
    assert hashes[0] == expected
    assert hashes == hash_parts(SECRET, {"mother": "M", "birthday": "7", "siblings": "2 ",
                                         "birthplace": "l"})  # fmt: skip


def test_a_hash_never_holds_the_answer_and_depends_on_the_secret():
    hashes = hash_parts(SECRET, CODE)
    assert all(len(h) == 64 and set(h) <= set("0123456789abcdef") for h in hashes)
    assert not {"M", "7", "2", "L", "m", "l", "07"} & set(hashes)
    assert "M72L" not in "".join(hashes).upper()
    other = hash_parts(b"another course's secret, 32 byte", CODE)
    assert not set(hashes) & set(other)


def test_the_same_answer_to_two_parts_gives_two_hashes():
    same = hash_parts(SECRET, {"mother": "L", "birthday": "1", "siblings": "1",
                               "birthplace": "L"})  # fmt: skip
    assert same[0] != same[3] and same[1] != same[2]


def test_a_missing_part_or_a_short_secret_is_refused():
    with pytest.raises(ValueError, match="missing code parts: birthplace"):
        hash_parts(SECRET, {k: v for k, v in CODE.items() if k != "birthplace"})
    with pytest.raises(ValueError, match="at least 16 bytes"):
        hash_parts(b"short", CODE)
    with pytest.raises(ValueError, match="a number from 1 to 31"):
        hash_parts(SECRET, {**CODE, "birthday": "40"})

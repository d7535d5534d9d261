"""The disclosure detector: categories, denials, idioms, spellings and a board's own entries."""

import pytest

from analysis.safeguarding import (
    CATEGORIES,
    Detector,
    Finding,
    Match,
    concepts,
    detector,
    lexicon_text,
    parse_lexicon,
    scan,
)
from analysis.safeguarding.evaluation import PARTS, Labelled, Rate, evaluate, load
from analysis.safeguarding.lexicon import check, default_entries, idioms
from analysis.safeguarding.words import keys

ONE_PER_CATEGORY = {
    "physical": "my dad hits me when he drinks",
    "sexual": "my uncle touched me where i didnt like",
    "emotional": "mum says i am worthless and wishes i was never born",
    "neglect": "there is no food at home and nobody feeds me",
    "domestic": "mum and dad fight and he hits her",
    "self_harm": "i want to die",
    "exploitation": "a man online asked for pics",
    "running_away": "i ran away last week",
    "scared_at_home": "im scared to go home",
}


@pytest.mark.parametrize(("category", "text"), ONE_PER_CATEGORY.items())
def test_each_category_is_found(category: str, text: str) -> None:
    assert category in scan(text).categories


def test_the_categories_are_the_agreed_keys() -> None:
    assert list(CATEGORIES) == list(ONE_PER_CATEGORY)
    assert {category for category, _ in default_entries()} == set(CATEGORIES)


def test_a_match_names_its_entry_and_the_words_as_written() -> None:
    finding = scan("Honestly. My Dad HITS me when he drinks!!")

    assert finding == Finding((Match("physical", "{adult} {hurt} (me|us)", "Dad HITS me"),))
    assert finding.flagged


@pytest.mark.parametrize(
    "text",
    [
        "nobody hurts me",
        "nobody hurts me at home",
        "no one hits me at home",
        "i have never been hit",
        "i dont feel scared at home",
        "my dad doesnt hit me",
        "No one in my house hits me, they are kind",
        "if someone hurt me i would tell my teacher",
    ],
)
def test_a_denial_is_not_flagged(text: str) -> None:
    assert not scan(text).flagged


@pytest.mark.parametrize(
    "text",
    [
        "nobody believes me when i say he hits me",
        "i never told anyone that my step dad hits me",
        "i cant go home, my dad will hit me",
        "i dont know why but he hurts me",
    ],
)
def test_a_denial_reaches_no_further_than_its_clause(text: str) -> None:
    assert scan(text).flagged


@pytest.mark.parametrize(
    "text",
    [
        "I hate maths",
        "school dinners are disgusting",
        "the bus is always late",
        "my brother annoys me",
        "I want to die of boredom in assembly",
        "i nearly died laughing at the assembly",
        "my mum will kill me if i fail my test",
        "my brother beat me at fifa again",
        "our cat ran away last year",
        "my coach pushes me to do my best",
    ],
)
def test_complaints_and_idioms_are_not_flagged(text: str) -> None:
    assert not scan(text).flagged


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("i wanna kms", "self_harm"),
        ("he hurtsss me", "physical"),
        ("my dad hitz me", "physical"),
        ("ppl tell me 2 kys", "emotional"),
        ("i dont wanna go home cos my step dad is there", "scared_at_home"),
        ("sum1 online keeps askin me for nudes", "exploitation"),
    ],
)
def test_text_speak_and_misspelling(text: str, category: str) -> None:
    assert category in scan(text).categories


def test_capitals_and_words_run_together() -> None:
    assert scan("MY DAD HITS ME").categories == ("physical",)
    assert scan("mydadhitsmewhenhedrinks").categories == ("physical",)
    assert scan("IWANTTODIE").categories == ("self_harm",)
    assert not scan("nobodyhurtsmeathome").flagged


def test_a_short_inflected_word_is_read_whole_not_split() -> None:
    assert not scan("i bumped my head on the cupboard door").flagged  # not "bum" and "ped"
    assert scan("mum slammed my fingers in the door").categories == ("physical",)


def test_in_case_opens_a_clause_that_an_earlier_denial_does_not_reach() -> None:
    assert "scared_at_home" in scan("i dont sleep at night in case he comes in").categories


def test_emoji_only_and_empty_text_find_nothing() -> None:
    assert scan("😭😭😭🔪") == Finding(())
    assert scan("") == Finding(())
    assert not scan("   ...  ").flagged


def test_a_ten_thousand_character_text_is_read_to_its_end() -> None:
    filler = "school was ok today and the bus was late again. " * 210
    text = (filler + "my step dad hits me")[:10_000]
    assert len(text) == 10_000 or text.endswith("hits me")

    assert scan(filler[:9_980] + " he hits me").categories == ("physical",)
    assert not scan(filler[:10_000]).flagged
    run_together = ("schoolisokbutthebusislate" * 400)[:9_990] + "killmyself"
    assert scan(run_together).categories == ("self_harm",)


def test_categories_are_distinct_and_in_the_agreed_order() -> None:
    finding = scan("i want to die because my dad hits me and there is no food at home")

    assert finding.categories == ("physical", "neglect", "self_harm")


def test_a_board_extends_the_lexicon() -> None:
    extra = parse_lexicon(
        "# Riverton's words\n\nneglect: nobody picks me up\nphysical: {adult} skelps me\n"
    )

    assert extra == [("neglect", "nobody picks me up"), ("physical", "{adult} skelps me")]
    assert not scan("my uncle skelps me").flagged
    assert detector(tuple(extra)).scan("my uncle skelps me").categories == ("physical",)
    assert Detector(extra).scan("Nobody picks me up from school").categories == ("neglect",)
    assert detector(tuple(extra)) is detector(tuple(extra))


def test_lexicon_text_is_read_back_as_the_same_entries() -> None:
    entries = [("neglect", "nobody picks me up"), ("self_harm", "(want|wanna) to vanish")]

    assert parse_lexicon(lexicon_text(entries)) == entries


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("neglect: fine\nbullying: they push me", "Line 2: unknown category 'bullying'"),
        ("\n# a comment\nphysical:   ", "Line 3: the phrase is empty"),
        ("physical hits me", "Line 1: write it as 'category: phrase'"),
        ("physical: {aliens} hit me", "Line 1: unknown slot {aliens}"),
        ("physical: (hit|punch me", "Line 1: unbalanced brackets"),
        ("physical: (really|)", "Line 1: '(really|)' can match no words at all"),
    ],
)
def test_a_bad_line_is_refused_by_its_number(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_lexicon(text)


def test_a_bad_extra_entry_is_refused_by_the_detector() -> None:
    with pytest.raises(ValueError, match="unknown category"):
        Detector([("bullying", "they push me")])


def test_every_lexicon_entry_and_idiom_is_a_valid_pattern() -> None:
    for category, phrase in default_entries():
        check(category, phrase)
    for idiom in idioms():
        check("physical", idiom)


def test_a_concept_is_flagged_with_a_person_nearby_and_named_to_the_reviewer() -> None:
    finding = scan("grandad wacks us round the legs with a wooden spoon")

    assert finding == Finding((Match("physical", "concept: hurt with victim", "wacks"),))
    assert scan("IM TERRIFED OF MY STEPDAD").categories == ("scared_at_home",)
    assert scan("the fridge has been empty for days and mum is never up").categories == ("neglect",)
    assert not scan("the fridge has been empty for days").flagged  # nobody in the text


def test_a_concept_is_added_only_where_the_lexicon_found_nothing() -> None:
    finding = scan("my dad hits me and the fridge has been empty for days")

    assert [(m.category, m.phrase) for m in finding.matches] == [
        ("physical", "{adult} {hurt} (me|us)"),
        ("neglect", "concept: care with anchor"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "my brother hit me with a pillow",  # play: an everyday word in the clause
        "i hurt my leg at football",  # the child is the one acting
        "my head hurts",  # no one hurts it
        "no one online has ever asked me for photos",  # a denied subject reaches its clause
        "i'm starving, can we have lunch",  # hunger needs home
        "i'm scared of spiders",  # fear needs home or a person
        "my pocket money is too low",  # money needs someone giving it
        "my teacher shouts at us",  # shouting counts at home
        "my nan died last year",  # dying needs wishing or planning
    ],
)
def test_a_concept_without_its_anchor_denied_or_everyday_is_not_flagged(text: str) -> None:
    assert not scan(text).flagged


def test_every_concept_rule_has_terms_and_anchors() -> None:
    rules = concepts.rules()

    assert {rule.category for rule in rules} == set(CATEGORIES)
    assert all(rule.terms and rule.anchors for rule in rules)
    (slip,), (word,), (lunch,) = keys("terrifed"), keys("terrified"), keys("lunch")
    assert concepts.mended(slip) == word
    assert concepts.mended(lunch) == lunch  # a known word is never mended ("punch")


# The labelled set (analysis/safeguarding/labelled.csv) and what the detector scores on it.
# The held-out part (the last one, held_out_6) was written after the detector was last frozen
# and scored once: 43 of its 56 clear disclosures found (76.8%, 35 by the lexicon alone). Its
# bound is that measured figure, so that a change losing recall on unseen wording fails here.
# The earlier parts (dev to dev9 shaped the detector; held_out and held_out_5 were each
# held out in their turn) give 99.3%, the whole set 97.8%. False alarms are bounded on the
# whole set (measured 1.6% on reassurances, 2.1% on complaints, 5.4% on idioms).
DEVELOPMENT_RECALL, HELD_OUT_RECALL, WHOLE_RECALL = 0.99, 0.76, 0.97
FALSE_ALARMS, IDIOM_ALARMS = 0.03, 0.10


def test_the_labelled_set_is_large_varied_and_a_third_disclosures() -> None:
    rows = load()
    parts = {row.part for row in rows}
    disclosures = [row for row in rows if row.label == "disclosure"]

    assert len(rows) >= 240 and parts == set(PARTS)
    assert len(disclosures) >= len(rows) / 3
    for part in parts:
        assert {row.category for row in disclosures if row.part == part} == set(CATEGORIES)
    assert {row.label for row in rows} == {"disclosure", "reassurance", "complaint", "idiom"}


def test_recall_and_false_alarms_on_the_labelled_set_stay_within_their_bounds() -> None:
    rows = load()
    development = evaluate([r for r in rows if r.part != PARTS[-1]], scan)
    held_out = evaluate([r for r in rows if r.part == PARTS[-1]], scan)
    whole = evaluate(rows, scan)

    assert development.recall.share >= DEVELOPMENT_RECALL
    assert held_out.recall.share >= HELD_OUT_RECALL
    assert whole.recall.share >= WHOLE_RECALL
    assert whole.false_alarms_by_label["reassurance"].share < FALSE_ALARMS
    assert whole.false_alarms_by_label["complaint"].share < FALSE_ALARMS
    assert whole.false_alarms_by_label["idiom"].share < IDIOM_ALARMS


def test_evaluate_counts_a_disclosure_found_only_in_its_own_category() -> None:
    rows = [
        Labelled("my dad hits me", "disclosure", "physical", "dev"),
        Labelled("my dad hits me", "disclosure", "neglect", "dev"),  # flagged, wrong category
        Labelled("nobody hurts me", "reassurance", "", "dev"),
        Labelled("i want to die of boredom lol i want to die", "idiom", "", "dev"),
    ]
    found = evaluate(rows, scan)

    assert found.recall == Rate(1, 2)
    assert found.recall_by_category["physical"] == Rate(1, 1)
    assert found.recall_by_category["neglect"] == Rate(0, 1)
    assert found.recall_by_category["sexual"] == Rate(0, 0)
    assert found.false_alarms_by_label == {
        "reassurance": Rate(0, 1),
        "complaint": Rate(0, 0),
        "idiom": Rate(1, 1),
    }
    assert found.misses == (rows[1],)
    assert [row for row, _ in found.false_alarms] == [rows[3]]


def test_a_bad_row_of_a_labelled_file_is_named(tmp_path) -> None:
    path = tmp_path / "labelled.csv"
    path.write_text("text,label,category,part\nhe hits me,disclosure,bullying,dev\n")

    with pytest.raises(ValueError, match=r"labelled\.csv row 2"):
        load(path)

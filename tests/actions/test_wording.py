"""The reading test for children's words: grade 5 for the youngest readers, with the reason."""

from app.actions.wording import too_hard


def test_short_plain_words_pass():
    assert too_hard("You said the park is dark. Now it has new lights.") is None


def test_long_words_and_sentences_are_refused_with_the_grade_and_the_limit():
    said = too_hard(
        "The partnership commissioned comprehensive multi-agency safeguarding "
        "arrangements following extensive consultation."
    )
    assert said is not None
    assert said.startswith("The words for children read at school grade ")
    assert "should be 5 or below" in said and "children aged 8" in said

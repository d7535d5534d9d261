"""The questionnaire library and editor: copy, change, version, preview, export, import, isolate."""

import re
from datetime import date, timedelta
from html.parser import HTMLParser
from io import BytesIO

import pytest
from sqlalchemy import func, select

from app.links.service import issue_invitations, signing_keys
from app.models import (
    Answer,
    AuditEvent,
    Draft,
    Questionnaire,
    QuestionnaireVersion,
    Response,
    Survey,
)
from app.questionnaires.definition import Tags, parse_definition
from app.questionnaires.store import sync_library
from app.questionnaires.versions import revision_of
from app.questionnaires.yaml_io import definition_to_dict, dump_yaml, load_yaml
from app.surveys.service import create_survey
from tests.helpers import hidden_fields, page_text

TODAY = date.today()
HARD = (
    "Notwithstanding the aforementioned considerations, how comprehensively does "
    "organisational accountability necessitate evaluation?"
)
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def board(make_board):
    return make_board("riverton")


@pytest.fixture
def other_board(make_board):
    return make_board("hillford")


@pytest.fixture
def library(db):
    versions = sync_library(db.session)
    db.session.commit()
    return versions


@pytest.fixture
def staff(staff_client, make_user, board, library):
    return staff_client(make_user("manager@riverton.example", "manager", board))


@pytest.fixture
def other_staff(staff_client, make_user, other_board, library):
    return staff_client(make_user("manager@hillford.example", "manager", other_board))


def base(board_slug: str = "riverton") -> str:
    return f"/boards/{board_slug}/questionnaires"


def shared_id(db, slug: str) -> int:
    return db.session.scalar(
        select(Questionnaire.id).where(Questionnaire.slug == slug, Questionnaire.board_id.is_(None))
    )


def own(db, board) -> list[Questionnaire]:
    return list(db.session.scalars(
        select(Questionnaire).where(Questionnaire.board_id == board.id).order_by(Questionnaire.id)
    ))  # fmt: skip


def definition_of(questionnaire: Questionnaire):
    return parse_definition(questionnaire.latest.definition)


def questions(questionnaire: Questionnaire) -> dict:
    return {q.key: q for q in definition_of(questionnaire).questions()}


def clone(client, db, slug: str = "feeling-safe-8-12", board_slug: str = "riverton") -> int:
    url = f"{base(board_slug)}/{shared_id(db, slug)}"
    fields = hidden_fields(client.get(url).data)
    response = client.post(f"{url}/clone", data=fields)
    assert response.status_code == 303
    return int(re.search(r"/questionnaires/(\d+)/edit", response.headers["Location"])[1])


def editor_fields(client, questionnaire_id: int, board_slug: str = "riverton") -> dict:
    """The csrf token and revision the editor page carries."""
    return hidden_fields(client.get(f"{base(board_slug)}/{questionnaire_id}/edit").data)


class _Form(HTMLParser):
    """What a browser would send from a page's form as shown: inputs, ticks, areas, selects."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self._area: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        found = dict(attrs)
        name, kind = found.get("name"), found.get("type", "text")
        if tag == "textarea":
            self._area = name
            self.fields[name] = ""
        elif tag == "input" and name and (kind in ("hidden", "text") or "checked" in found):
            self.fields[name] = found.get("value") or ""
        elif tag == "select":
            self._select = name
        elif (
            tag == "option"
            and self._select
            and (self._select not in self.fields or "selected" in found)
        ):
            self.fields[self._select] = found.get("value") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._area = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._area:
            self.fields[self._area] += data


def shown_form(html: bytes) -> dict[str, str]:
    parser = _Form()
    parser.feed(html.decode())
    return parser.fields


def post_edit(client, url: str, data: dict, board_slug: str = "riverton"):
    """Open a form page of the editor, change some fields, post it as a browser would."""
    fields = shown_form(client.get(f"{base(board_slug)}{url}").data)
    return client.post(f"{base(board_slug)}{url}", data={**fields, **data})


def reword(client, questionnaire_id: int, key: str, text: str, **extra: str):
    return post_edit(client, f"/{questionnaire_id}/questions/{key}", {"text": text, **extra})


def answer_link(client, token: str, pages: list[dict]):
    """Answer every page of a survey through its link, following test_respond's pattern."""
    for number, answers in enumerate(pages, 1):
        fields = hidden_fields(client.get(f"/r/{token}?page={number}").data)
        response = client.post(f"/r/{token}?page={number}", data={**fields, **answers})
    return response


def run_survey(app, db, board, version: QuestionnaireVersion) -> str:
    survey = create_survey(db.session, board, version, slug=f"{board.slug}-{version.id}",
                           title="Feeling safe", opens_on=TODAY - timedelta(days=1),
                           closes_on=TODAY + timedelta(days=9), status="open")  # fmt: skip
    db.session.commit()
    token = issue_invitations(db.session, signing_keys(app), survey, 1)[0]
    db.session.commit()
    return token


def audit_actions(db) -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


# The library page and viewing a questionnaire


def test_library_lists_shared_and_own_with_audience_version_and_count(staff, db, board):
    clone(staff, db)
    page = staff.get(base())
    text = page_text(page)

    assert page.status_code == 200
    own_part, shared_part = text.split("Shared library")
    assert "Feeling safe (ages 8 to 12)" in own_part and "Family experience" not in own_part
    assert "For children and young people, aged 8 to 12. Version 1." in shared_part
    assert "For parents and carers. Version 1." in shared_part
    count = sum(1 for _ in definition_of(own(db, board)[0]).questions())
    row = rf"aged 8 to 12\. Version 1\.</p>\s*</td>\s*<td[^>]*>{count}</td>"
    assert re.search(row, own_part.replace("&#39;", "'"))


def test_show_lists_every_question_of_a_shared_questionnaire(staff, db):
    page = staff.get(f"{base()}/{shared_id(db, 'family-experience')}")
    text = page_text(page)

    assert page.status_code == 200
    for question in questions(db.session.get(Questionnaire, shared_id(db, "family-experience"))):
        assert f"<code>{question}</code>" in text
    assert "Copy it for your board to change" in text


def test_signed_out_visitor_is_sent_to_sign_in(client, board, library):
    response = client.get(base())

    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


# Cloning and starting


def test_clone_keeps_keys_and_makes_the_slug_unique_within_the_board(staff, db, board):
    first, second = clone(staff, db), clone(staff, db)
    copies = own(db, board)
    shared = db.session.get(Questionnaire, shared_id(db, "feeling-safe-8-12"))

    assert [c.id for c in copies] == [first, second]
    assert [c.slug for c in copies] == ["feeling-safe-8-12", "feeling-safe-8-12-2"]
    assert list(questions(copies[0])) == list(questions(shared))
    assert copies[0].latest.number == 1 and definition_of(copies[1]).slug == "feeling-safe-8-12-2"
    assert audit_actions(db).count("questionnaire.clone") == 2


def test_new_questionnaire_for_children_needs_an_age_range(staff, db, board):
    data = {"title": "Our park", "summary": "About the park", "audience": "child"}

    refused = post_edit(staff, "/new", data)
    started = post_edit(staff, "/new", {**data, "age_range": "8-12"})

    assert refused.status_code == 422
    assert "Enter the age range like 8-12" in page_text(refused)
    assert started.status_code == 303
    [created] = own(db, board)
    assert (created.slug, created.audience, definition_of(created).age_range) == (
        "our-park", "child", "8-12",
    )  # fmt: skip
    assert list(questions(created)) == ["anything_else"]
    assert "questionnaire.create" in audit_actions(db)


def test_new_training_questionnaire_needs_a_phase(staff, db, board):
    data = {"title": "Course", "summary": "After the course", "audience": "training"}

    refused = post_edit(staff, "/new", data)
    started = post_edit(staff, "/new", {**data, "phase": "after"})

    assert refused.status_code == 422
    assert "Choose when a training evaluation is asked" in page_text(refused)
    assert started.status_code == 303
    assert definition_of(own(db, board)[0]).phase == "after"


# Editing


def test_rewording_keeps_the_key_and_shows_in_the_editor(staff, db, board):
    copy = clone(staff, db)

    response = reword(staff, copy, "safe_home", "Do you feel safe at home?", hint="Think of today")
    [questionnaire] = own(db, board)

    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/{copy}/edit#q-safe_home")
    question = questions(questionnaire)["safe_home"]
    assert (question.text, question.hint) == ("Do you feel safe at home?", "Think of today")
    assert question.options == questions(questionnaire)["safe_school"].options
    assert "Do you feel safe at home?" in page_text(staff.get(f"{base()}/{copy}/edit"))


def test_options_keep_their_codes_and_new_ones_get_codes_from_words(staff, db, board):
    copy = clone(staff, db, "frontline-practitioner")
    lines = "social_care | Children's social care\nhealth | Health\nA youth club"

    response = reword(staff, copy, "agency", "Where do you work?", options=lines)

    assert response.status_code == 303
    options = questions(own(db, board)[0])["agency"].options
    assert [(o.value, o.label) for o in options] == [
        ("social_care", "Children's social care"), ("health", "Health"),
        ("a_youth_club", "A youth club"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("options", "message"),
    [("only one", "Give at least 2 answers, one per line"),
     ("Bad Code! | Yes\nno | No", "Answer 1: the code before | can use only a to z"),
     ("yes | Yes\nyes | Yes please", 'The code "yes" is used for two answers'),
     ("yes |   \nno | No", "Answer 1 has no words after the |")],
)  # fmt: skip
def test_bad_options_are_refused_and_change_nothing(staff, db, board, options, message):
    copy = clone(staff, db, "frontline-practitioner")
    before = own(db, board)[0].latest.definition

    response = reword(staff, copy, "agency", "Where do you work?", options=options)

    assert response.status_code == 422
    assert message in page_text(response)
    db.session.expire_all()
    assert own(db, board)[0].latest.definition == before


def test_faces_need_five_answers(staff, db):
    copy = clone(staff, db)

    response = reword(staff, copy, "safe_home", "Safe at home?", options="Bad\nGood")

    assert response.status_code == 422
    assert "Faces need exactly 5 answers" in page_text(response)


@pytest.mark.parametrize(
    ("qtype", "options"),
    [("faces", ""), ("agree", ""), ("yes_no", ""), ("rating", ""), ("single", "Red\nBlue"),
     ("multi", "Red\nBlue"), ("age_band", ""), ("short_text", ""), ("long_text", "")],
)  # fmt: skip
def test_a_question_of_each_type_can_be_added(staff, db, board, qtype, options):
    copy = clone(staff, db)
    data = {"type": qtype, "text": "What colour is your bag?", "options": options}

    response = post_edit(staff, f"/{copy}/pages/2/questions/new", data)

    assert response.status_code == 303
    added = definition_of(own(db, board)[0]).sections[1].questions[-1]
    assert (added.key, added.type) == ("what_colour_is_your_bag", qtype)


def test_an_added_question_needs_a_type_and_wording(staff, db):
    copy = clone(staff, db)

    response = post_edit(staff, f"/{copy}/pages/1/questions/new", {"text": ""})

    assert response.status_code == 422
    assert "Choose a type of question" in page_text(response)
    assert "Enter the question" in page_text(response)


# Tags


@pytest.mark.parametrize(
    ("slug", "framework", "kirkpatrick"),
    [("feeling-safe-8-12", "children", ""), ("family-experience", "children", ""),
     ("frontline-practitioner", "frontline", ""), ("training-after", "", "learning")],
)  # fmt: skip
def test_a_new_question_s_tags_start_from_the_audience(staff, db, slug, framework, kirkpatrick):
    copy = clone(staff, db, slug)

    for url in (f"/{copy}/pages/1/questions/new", f"/{copy}/pages/new"):
        shown = shown_form(staff.get(f"{base()}{url}").data)
        assert (shown["framework"], shown["level"]) == (framework, ""), url
        assert (shown["kirkpatrick"], shown["themes"]) == (kirkpatrick, ""), url


def test_an_added_question_keeps_the_tags_entered(staff, db, board):
    copy = clone(staff, db, "frontline-practitioner")
    data = {"type": "agree", "text": "My supervisor helps me.", "level": "individual",
            "kirkpatrick": "behaviour", "themes": " supervision,support , "}  # fmt: skip

    response = post_edit(staff, f"/{copy}/pages/1/questions/new", data)

    assert response.status_code == 303
    added = questions(own(db, board)[0])["my_supervisor_helps_me"]
    assert added.tags == Tags("frontline", "individual", "behaviour", ("supervision", "support"))
    editor = page_text(staff.get(f"{base()}/{copy}/edit"))
    assert "Frontline staff: Individual" in editor and "Training: Behaviour" in editor


def test_changing_a_cloned_question_s_tags_keeps_its_key_and_wording(staff, db, board):
    copy = clone(staff, db)
    before = questions(own(db, board)[0])

    tags = {"framework": "", "kirkpatrick": "reaction", "themes": "home, family"}
    response = post_edit(staff, f"/{copy}/questions/safe_home", tags)

    assert response.status_code == 303
    after = questions(own(db, board)[0])
    assert list(after) == list(before)
    assert after["safe_home"].tags == Tags(None, None, "reaction", ("home", "family"))
    assert after["safe_home"].text == before["safe_home"].text
    assert after["safe_school"].tags == before["safe_school"].tags
    shown = shown_form(staff.get(f"{base()}/{copy}/questions/safe_home").data)
    assert (shown["framework"], shown["kirkpatrick"], shown["themes"]) == (
        "", "reaction", "home, family",
    )  # fmt: skip


def test_changing_tags_of_a_version_a_survey_uses_makes_a_new_version(app, staff, db, board):
    copy = clone(staff, db)
    run_survey(app, db, board, own(db, board)[0].latest)

    post_edit(staff, f"/{copy}/questions/safe_home", {"themes": "home, family"})

    db.session.expire_all()
    first, second = (parse_definition(v.definition) for v in own(db, board)[0].versions)
    old, new = ({q.key: q for q in d.questions()}["safe_home"] for d in (first, second))
    assert (old.tags.themes, new.tags.themes) == (("feeling-safe", "home"), ("home", "family"))
    assert new.tags.framework == "children"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [({"framework": "children", "level": "strategic"}, "level",
      'Level needs framework "frontline"'),
     ({"framework": "", "level": "operational"}, "level", 'Level needs framework "frontline"'),
     ({"themes": "home, Not A Theme"}, "themes", 'Bad theme "Not A Theme": use a-z, 0-9 and -'),
     ({"themes": "home, home"}, "themes", 'Duplicate theme "home"'),
     ({"framework": "adults"}, "framework", "Not a valid choice")],
)  # fmt: skip
def test_bad_tags_are_refused_beside_the_field_and_change_nothing(
    staff, db, board, data, field, message
):
    copy = clone(staff, db)
    before = own(db, board)[0].latest.definition

    changed = post_edit(staff, f"/{copy}/questions/safe_home", data)
    added = post_edit(staff, f"/{copy}/pages/1/questions/new",
                      {"type": "agree", "text": "New", **data})  # fmt: skip

    for response in (changed, added):
        assert response.status_code == 422
        html = response.get_data(as_text=True)
        assert f'id="{field}-error"' in html
        assert message in page_text(response)
    db.session.expire_all()
    assert own(db, board)[0].latest.definition == before


def test_a_hostile_theme_is_refused_and_shown_escaped(staff, db, board):
    copy = clone(staff, db)
    before = own(db, board)[0].latest.definition

    response = post_edit(staff, f"/{copy}/questions/safe_home", {"themes": XSS})

    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "Bad theme &#34;&lt;script&gt;alert(" in html
    assert 'value="&lt;script&gt;alert(' in html
    db.session.expire_all()
    assert own(db, board)[0].latest.definition == before


def test_move_remove_and_the_last_question_on_a_page(staff, db, board):
    copy = clone(staff, db)
    fields = editor_fields(staff, copy)

    moved = staff.post(f"{base()}/{copy}/questions/safe_home/move",
                       data={**fields, "direction": "down"})  # fmt: skip
    fields = editor_fields(staff, copy)
    removed = staff.post(f"{base()}/{copy}/questions/safe_school/remove", data=fields)

    assert (moved.status_code, removed.status_code) == (303, 303)
    first_page = [q.key for q in definition_of(own(db, board)[0]).sections[0].questions]
    assert first_page == ["safe_home", "safe_online", "safe_area"]


def test_removing_the_last_question_of_a_page_is_explained(staff, db, board):
    copy = clone(staff, db, "touchstones-quick-check")
    for key in ("usefulness", "clarity", "agency", "role_level"):
        staff.post(f"{base()}/{copy}/questions/{key}/remove", data=editor_fields(staff, copy))

    response = staff.post(f"{base()}/{copy}/questions/one_change/remove",
                          data=editor_fields(staff, copy))  # fmt: skip

    assert response.status_code == 422
    assert "This is the only question on its page" in page_text(response)
    assert list(questions(own(db, board)[0])) == ["one_change"]


def test_pages_can_be_added_renamed_and_removed(staff, db, board):
    copy = clone(staff, db)
    page = {"page_title": "Clubs", "type": "yes_no", "text": "Do you go to a club?"}
    added = post_edit(staff, f"/{copy}/pages/new", page)
    renamed = post_edit(staff, f"/{copy}/pages/5", {"title": "After school"})
    removed = staff.post(f"{base()}/{copy}/pages/1/remove", data=editor_fields(staff, copy))

    assert [r.status_code for r in (added, renamed, removed)] == [303, 303, 303]
    sections = definition_of(own(db, board)[0]).sections
    assert [s.title for s in sections] == [
        "Getting help", "About you", "Your home and family", "After school",
    ]  # fmt: skip
    assert [q.key for q in sections[-1].questions] == ["do_you_go_to_a_club"]


def test_details_change(staff, db, board):
    copy = clone(staff, db)

    response = post_edit(staff, f"/{copy}/details", {"title": "Safe in Riverton", "summary": "S",
                         "intro": "Hello", "age_range": "9-11"})  # fmt: skip

    assert response.status_code == 303
    questionnaire = own(db, board)[0]
    assert (questionnaire.title, definition_of(questionnaire).age_range) == (
        "Safe in Riverton",
        "9-11",
    )


def test_a_replayed_or_stale_change_is_refused_and_changes_nothing(staff, db, board):
    copy = clone(staff, db)
    fields = editor_fields(staff, copy)
    url = f"{base()}/{copy}/questions/safe_home/move"

    first = staff.post(url, data={**fields, "direction": "down"})
    replay = staff.post(url, data={**fields, "direction": "down"})

    assert first.status_code == 303
    assert replay.status_code == 409
    assert "Someone changed this questionnaire since you opened the page" in page_text(replay)
    keys = [q.key for q in definition_of(own(db, board)[0]).sections[0].questions]
    assert keys.index("safe_home") == 1


def test_shared_questionnaires_cannot_be_edited(staff, db):
    shared = shared_id(db, "feeling-safe-8-12")

    assert staff.get(f"{base()}/{shared}/edit").status_code == 404
    assert staff.get(f"{base()}/{shared}/questions/safe_home").status_code == 404


# Versions


def test_edits_stay_in_an_unused_version_and_make_a_new_one_once_a_survey_uses_it(
    app, staff, db, board
):
    copy = clone(staff, db)
    reword(staff, copy, "safe_home", "First wording")
    questionnaire = own(db, board)[0]
    assert [v.number for v in questionnaire.versions] == [1]
    run_survey(app, db, board, questionnaire.latest)

    reword(staff, copy, "safe_home", "Second wording")
    reword(staff, copy, "safe_school", "Third wording")

    db.session.expire_all()
    versions = own(db, board)[0].versions
    survey = db.session.scalars(select(Survey)).one()
    assert [v.number for v in versions] == [1, 2]
    assert survey.version_id == versions[0].id
    first, second = (parse_definition(v.definition) for v in versions)
    assert {q.key: q.text for q in first.questions()}["safe_home"] == "First wording"
    assert {q.key: q.text for q in second.questions()}["safe_school"] == "Third wording"
    assert [q.key for q in first.questions()] == [q.key for q in second.questions()]
    assert (first.version, second.version) == (1, 2)


def test_editor_says_when_a_change_makes_a_new_version(app, staff, db, board):
    copy = clone(staff, db)
    assert "No survey uses it yet" in page_text(staff.get(f"{base()}/{copy}/edit"))

    run_survey(app, db, board, own(db, board)[0].latest)

    assert "your next change makes version 2" in page_text(staff.get(f"{base()}/{copy}/edit"))


def test_a_new_key_never_reuses_one_from_an_earlier_version(app, staff, db, board):
    copy = clone(staff, db, "touchstones-quick-check")
    run_survey(app, db, board, own(db, board)[0].latest)
    staff.post(f"{base()}/{copy}/questions/clarity/remove", data=editor_fields(staff, copy))

    post_edit(staff, f"/{copy}/pages/1/questions/new", {"type": "agree", "text": "Clarity"})

    assert list(questions(own(db, board)[0])) == [
        "usefulness",
        "one_change",
        "agency",
        "role_level",
        "clarity_2",
    ]


# Readability


def test_hard_wording_for_children_is_warned_about_but_saved(staff, db, board):
    copy = clone(staff, db)

    saved = reword(staff, copy, "safe_home", HARD)
    editor = page_text(staff.get(f"{base()}/{copy}/edit"))

    assert saved.status_code == 303
    assert questions(own(db, board)[0])["safe_home"].text == HARD
    assert editor.count("govuk-warning-text__text") == 1
    assert "This question may be hard to read for children aged 8 to 12" in editor
    card = editor[editor.index('id="q-safe_home"') : editor.index('id="q-safe_school"')]
    assert "may be hard to read" in card


def test_hard_option_labels_are_warned_about(staff, db):
    copy = clone(staff, db)

    bands = "8-10 | 8 to 10\n11-12 | Notwithstanding organisational considerations"
    reword(staff, copy, "age_band", "How old are you?", options=bands)

    editor = page_text(staff.get(f"{base()}/{copy}/edit"))
    assert "The answer “Notwithstanding organisational considerations” may be hard" in editor


def test_adults_questionnaires_are_not_graded(staff, db):
    copy = clone(staff, db, "family-experience")

    reword(staff, copy, "treated_with_respect", HARD)

    assert "govuk-warning-text__text" not in page_text(staff.get(f"{base()}/{copy}/edit"))


# Preview


def test_preview_is_the_respondent_page_with_a_banner_and_saves_nothing(staff, db):
    shared = shared_id(db, "feeling-safe-8-12")
    url = f"{base()}/{shared}/preview"

    first = staff.get(url)
    fields = hidden_fields(first.data)
    to_second = staff.post(f"{url}?page=1", data={**fields, "safe_home": "5"})
    second = staff.get(f"{url}?page=2")
    last = staff.post(f"{url}?page=4", data=hidden_fields(staff.get(f"{url}?page=4").data))

    html = page_text(first)
    assert first.status_code == 200
    assert "Preview: answers are not saved" in html
    assert "How safe do you feel at home?" in html
    assert "We do not ask your name. We cannot tell who wrote what." in html
    assert f'action="{url}?page=1"' in html
    assert to_second.status_code == 303 and to_second.headers["Location"].endswith("page=2")
    assert "Part 2 of 4" in page_text(second) and f'href="{url}?page=1"' in page_text(second)
    assert last.status_code == 200 and "Thank you" in page_text(last)
    assert "Preview: answers are not saved" in page_text(last)
    for model in (Response, Answer, Draft):
        assert db.session.scalar(select(func.count()).select_from(model)) == 0


def test_preview_checks_answers_like_the_respondent_page(staff, db, board):
    copy = clone(staff, db, "touchstones-quick-check")
    post_edit(staff, f"/{copy}/questions/usefulness", {"text": "How useful?", "required": "y"})
    url = f"{base()}/{copy}/preview"

    response = staff.post(url, data=hidden_fields(staff.get(url).data))

    assert response.status_code == 422
    assert "There is a problem" in page_text(response)


def test_preview_of_a_training_evaluation_shows_example_outcomes(staff, db):
    page = page_text(staff.get(f"{base()}/{shared_id(db, 'training-before')}/preview"))

    assert "the first learning outcome" in page and "the second learning outcome" in page


# Export and import


def test_export_is_a_yaml_download_that_is_audited(staff, db, board):
    copy = clone(staff, db)

    response = staff.get(f"{base()}/{copy}/export")

    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        "attachment; filename=feeling-safe-8-12-v1.yaml"
    )
    assert response.mimetype == "application/yaml"
    assert load_yaml(response.get_data(as_text=True)) == definition_of(own(db, board)[0])
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "questionnaire.export")
    ).one()
    assert (event.target, event.board_id) == ("feeling-safe-8-12", board.id)


def upload(client, content: bytes, board_slug: str = "riverton", name: str = "q.yaml"):
    fields = hidden_fields(client.get(f"{base(board_slug)}/import").data)
    return client.post(f"{base(board_slug)}/import",
                       data={**fields, "file": (BytesIO(content), name)},
                       content_type="multipart/form-data")  # fmt: skip


def good_yaml() -> str:
    from app.questionnaires.library import library_definition

    return dump_yaml(library_definition("touchstones-quick-check"))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (good_yaml().replace("type: rating", "type: essay").encode(), 'unknown type "essay"'),
        (good_yaml().replace("key: clarity", "key: usefulness").encode(),
         'duplicate key "usefulness"'),
        (re.sub(r"\n *text: How useful[^\n]*", "", good_yaml(), count=1).encode(),
         'question "usefulness": missing text'),
        (b"slug: x\ntitle: [unclosed\n", "Nothing was imported: not valid YAML"),
        ("slug: caf\u00e9\n".encode("latin-1"), "The file is not UTF-8 text"),
        (b"# " + b"x" * (200 * 1024), "The file is larger than 200 KB"),
        (b"- just\n- a list\n", "a questionnaire must be a mapping of fields"),
        (good_yaml().replace("How useful is this", "Very " * 120).encode(),
         'question "usefulness": text is longer than 500 characters'),
    ],
    ids=["unknown-type", "duplicate-key", "missing-wording", "bad-yaml", "not-utf8", "too-big",
         "not-a-mapping", "text-too-long"],
)  # fmt: skip
def test_bad_imports_are_refused_naming_the_problem(staff, db, board, content, message):
    response = upload(staff, content)

    assert response.status_code == 422
    assert message in page_text(response)
    assert own(db, board) == []
    assert "questionnaire.import" not in audit_actions(db)


def test_import_without_a_file_is_refused(staff, db, board):
    fields = hidden_fields(staff.get(f"{base()}/import").data)

    response = staff.post(f"{base()}/import", data=fields, content_type="multipart/form-data")

    assert response.status_code == 422
    assert "Choose a questionnaire file" in page_text(response)


def test_import_gives_the_slug_a_suffix_when_the_board_has_it(staff, db, board):
    clone(staff, db, "touchstones-quick-check")

    response = upload(staff, good_yaml().encode("utf-8"))

    assert response.status_code == 303
    assert [q.slug for q in own(db, board)] == ["touchstones-quick-check",
                                                "touchstones-quick-check-2"]  # fmt: skip


def test_done_when_a_changed_copy_runs_and_its_export_runs_unchanged_on_another_board(
    app, client, staff, other_staff, db, board, other_board
):
    copy = clone(staff, db)
    reword(staff, copy, "safe_home", "How safe do you feel in your home?")
    ours = own(db, board)[0]
    token = run_survey(app, db, board, ours.latest)

    shown = client.get(f"/r/{token}")
    sent = answer_link(client, token, [{"safe_home": "4", "safe_school": "5"}, {}, {}, {}])

    assert "How safe do you feel in your home?" in page_text(shown)
    assert "Your answers have been sent" in page_text(sent)
    stored = {
        key: value for key, value in db.session.execute(select(Answer.question_key, Answer.value))
    }
    assert stored == {"safe_home": "4", "safe_school": "5"}

    exported = staff.get(f"{base()}/{copy}/export").data
    imported = upload(other_staff, exported, "hillford")
    theirs = own(db, other_board)[0]
    assert imported.status_code == 303
    assert definition_to_dict(definition_of(theirs)) == definition_to_dict(definition_of(ours))
    assert theirs.latest.definition == ours.latest.definition

    their_token = run_survey(app, db, other_board, theirs.latest)
    sent = answer_link(app.test_client(), their_token, [{"safe_home": "2"}, {}, {}, {}])
    assert "Your answers have been sent" in page_text(sent)
    assert db.session.scalar(select(func.count()).select_from(Response)) == 2


# Isolation and escaping


def questionnaire_rules(app) -> list:
    return [
        rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("questionnaires.")
    ]


def test_every_route_is_under_the_board_and_named_for_the_isolation_walk(app):
    rules = questionnaire_rules(app)

    assert len(rules) == 16
    for rule in rules:
        assert rule.rule.startswith("/boards/<board_slug>/questionnaires")
        assert set(rule.arguments) <= {"board_slug", "questionnaire_id", "question_key", "page"}


def test_another_board_s_manager_gets_404_everywhere_and_changes_nothing(
    app, staff, other_staff, db, board
):
    copy = clone(staff, db)
    victim = own(db, board)[0]
    before = victim.latest.definition
    # The intruder's own valid CSRF token, and even the victim's current revision.
    own_csrf = hidden_fields(other_staff.get(f"{base('hillford')}/new").data)
    fields = {**own_csrf, "title": "x", "text": "Taken", "direction": "up", "framework": "",
              "themes": "taken", "revision": revision_of(victim.latest)}  # fmt: skip
    values = {"board_slug": "riverton", "questionnaire_id": copy, "question_key": "safe_home",
              "page": 1}  # fmt: skip

    for rule in questionnaire_rules(app):
        path = rule.build({k: v for k, v in values.items() if k in rule.arguments})[1]
        for method in sorted(rule.methods & {"GET", "POST"}):
            response = other_staff.open(path, method=method, data=fields)
            assert response.status_code == 404, (method, path)

    db.session.expire_all()
    assert own(db, board)[0].latest.definition == before
    assert len(own(db, board)) == 1


def test_a_board_s_own_questionnaire_is_404_under_another_board(staff, other_staff, db):
    theirs = clone(other_staff, db, board_slug="hillford")

    for path in (f"/{theirs}", f"/{theirs}/edit", f"/{theirs}/preview", f"/{theirs}/export"):
        assert staff.get(f"{base()}{path}").status_code == 404, path
    response = staff.post(f"{base()}/{theirs}/clone", data=editor_fields(staff, clone(staff, db)))
    assert response.status_code == 404


def test_staff_without_the_manager_role_get_404(staff_client, make_user, db, board, library):
    analyst = staff_client(make_user("analyst@riverton.example", "analyst", board))

    assert analyst.get(base()).status_code == 404
    assert analyst.get(f"{base()}/{shared_id(db, 'family-experience')}").status_code == 404


def test_wording_a_manager_enters_is_escaped_everywhere(app, client, staff, db, board):
    copy = clone(staff, db)
    reword(staff, copy, "safe_home", XSS, hint=XSS)
    post_edit(staff, f"/{copy}/pages/1", {"title": XSS})
    post_edit(staff, f"/{copy}/pages/2/questions/new",
              {"type": "single", "text": "Pick", "options": f"{XSS}\nplain"})  # fmt: skip
    token = run_survey(app, db, board, own(db, board)[0].latest)

    pages = {
        "editor": staff.get(f"{base()}/{copy}/edit"),
        "show": staff.get(f"{base()}/{copy}"),
        "preview": staff.get(f"{base()}/{copy}/preview"),
        "preview page 2": staff.get(f"{base()}/{copy}/preview?page=2"),
        "question form": staff.get(f"{base()}/{copy}/questions/safe_home"),
        "respondent": client.get(f"/r/{token}"),
        "respondent page 2": client.get(f"/r/{token}?page=2"),
    }
    for name, response in pages.items():
        html = response.get_data(as_text=True)
        assert response.status_code == 200, name
        assert "<script>alert" not in html and "<img src=x" not in html, name
        assert "&lt;script&gt;alert(" in html, name

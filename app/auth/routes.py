"""Staff sign-in (password, then a code when two-factor is on), sign-out, account pages, and
setting a password through an emailed link."""

from datetime import UTC, datetime
from typing import cast

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from werkzeug.exceptions import TooManyRequests

from app.accounts.password_links import LinkRefused
from app.accounts.password_mail import LinkMailer
from app.auth import password_reset, service, sessions, throttle, totp
from app.auth.access import ROLE_NAMES, needs_two_factor
from app.extensions import db
from app.links.service import signing_keys
from app.models import User
from forms.auth import (
    CodeForm,
    EnrolForm,
    ForgottenPasswordForm,
    LoginForm,
    NewPasswordForm,
    PasswordForm,
)

bp = Blueprint("auth", __name__)
bp.before_app_request(sessions.guard_staff_session)


@bp.app_context_processor
def staff_helpers() -> dict[str, object]:
    return {"needs_two_factor": needs_two_factor, "role_names": ROLE_NAMES}


def _user() -> User:
    return cast(User, current_user._get_current_object())


def _now() -> datetime:
    return datetime.now(UTC)


def _status(form: FlaskForm) -> int:
    return 422 if form.errors else 200


# Throttled password pages say so in their own words; everything else is sign-in.
THROTTLED_PAGES = {
    "auth.forgotten_password": "auth/password_throttled.html",
    "auth.set_password": "auth/password_throttled.html",
}
# A link that cannot be used: never made here (400), or out of date or already used (410).
REFUSED_STATUS = {"invalid": 400, "expired": 410, "used": 410}


@bp.errorhandler(TooManyRequests)
def too_many_attempts(error: TooManyRequests) -> tuple[str, int]:
    page = THROTTLED_PAGES.get(request.endpoint or "", "auth/throttled.html")
    return render_template(page), 429


@bp.route("/login", methods=["GET", "POST"])
@throttle.per_client
@throttle.per_account
def login() -> ResponseReturnValue:
    """Check email and password: sign in, or ask for the code when two-factor is on."""
    next_page = sessions.safe_next(request.args.get("next"))
    if current_user.is_authenticated:
        return redirect(next_page or sessions.default_page(_user()))
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form, next=next_page), _status(form)
    keys = throttle.keys_for(form.email.data)
    result = service.sign_in_with_password(
        db.session, form.email.data, form.password.data, keys, _now()
    )
    return _after_password(result, form, keys, next_page)


def _after_password(
    result: service.SignIn, form: LoginForm, keys: throttle.AccountKeys, next_page: str | None
) -> ResponseReturnValue:
    if result.user is None:
        html = render_template("auth/login.html", form=form, next=next_page, problem=result.problem)
        return html, 429 if result.locked else 422
    if result.needs_code:
        sessions.hold_pending(result.user, keys, next_page)
        return redirect(url_for("auth.login_code"))
    return _signed_in(result.user, second_factor=False, next_page=next_page)


def _signed_in(user: User, second_factor: bool, next_page: str | None) -> ResponseReturnValue:
    """A new session for the user, then on to where they were going."""
    sessions.begin(user, second_factor)
    response = redirect(sessions.safe_next(next_page) or sessions.default_page(user))
    throttle.remember_device(response, user.email)
    return response


@bp.route("/login/code", methods=["GET", "POST"])
@throttle.per_client
@throttle.per_account
def login_code() -> ResponseReturnValue:
    """The second step: a one-time code. Until it is right, the browser is not signed in."""
    held = sessions.pending()
    if held is None:
        flash(service.PENDING_EXPIRED, "info")
        return redirect(url_for("auth.login"))
    form = CodeForm()
    if not form.validate_on_submit():
        return render_template("auth/code.html", form=form), _status(form)
    keys = throttle.AccountKeys(held["key"], held["lock"], held.get("client", ""))
    result = service.sign_in_with_code(db.session, held["user"], form.code.data, keys, _now())
    if result.user is None:
        html = render_template("auth/code.html", form=form, problem=result.problem)
        return html, 429 if result.locked else 422
    return _signed_in(result.user, second_factor=True, next_page=held.get("next"))


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    """Sign out here and everywhere else: the account's session version moves on."""
    if current_user.is_authenticated:
        service.sign_out(db.session, _user())
    sessions.end()
    flash("You have signed out.", "success")
    return redirect(url_for("auth.login"))


@bp.get("/account")
@login_required
def account() -> str:
    return render_template("auth/account.html", user=_user())


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
@throttle.per_client
@throttle.per_account
def password() -> ResponseReturnValue:
    """Change the password; every other session of the account ends."""
    form = PasswordForm()
    if form.validate_on_submit():
        problem = service.change_password(db.session, _user(), form.current.data, form.new.data)
        if problem is None:
            sessions.renew(_user())
            flash("Your password has been changed. Other sessions have been signed out.", "success")
            return redirect(url_for("auth.account"))
        (form.current if problem == service.WRONG_CURRENT else form.new).errors = [problem]
    return render_template("auth/password.html", form=form, user=_user()), _status(form)


@bp.route("/account/two-factor", methods=["GET", "POST"])
@login_required
@throttle.per_client
@throttle.per_account
def two_factor() -> ResponseReturnValue:
    """Set up an authenticator app: show the secret and its QR code, then check one code."""
    user = _user()
    if user.totp_secret:
        return render_template("auth/two_factor_on.html", user=user)
    secret = service.start_enrolment(db.session, user)
    form = EnrolForm()
    if form.validate_on_submit():
        problem = service.finish_enrolment(db.session, user, form.code.data, _now())
        if problem is None:
            session[sessions.SECOND_FACTOR] = True
            flash("Two-factor sign-in is on. You will be asked for a code each time.", "success")
            return redirect(sessions.default_page(user))
        form.code.errors = [problem]
    return _enrol_page(form, secret, user.email)


def _enrol_page(form: EnrolForm, secret: str, email: str) -> ResponseReturnValue:
    """The secret as text and as a QR code drawn on the server: no script, no other host."""
    qr = totp.qr_data_uri(totp.provisioning_uri(secret, email))
    html = render_template("auth/two_factor.html", form=form, secret=totp.grouped(secret), qr=qr)
    return html, _status(form)


@bp.route("/password/forgotten", methods=["GET", "POST"])
@throttle.resets_per_client
@throttle.resets_per_account
def forgotten_password() -> ResponseReturnValue:
    """Ask for a reset link: one answer, whether or not the address has an account."""
    form = ForgottenPasswordForm()
    if not form.validate_on_submit():
        return render_template("auth/forgotten.html", form=form), _status(form)
    password_reset.request_link(db.session, LinkMailer.for_app(current_app), form.email.data)
    return render_template("auth/forgotten_sent.html")


@bp.route("/password/set/<token>", methods=["GET", "POST"])
@throttle.links_per_client
def set_password(token: str) -> ResponseReturnValue:
    """Choose a password through an emailed link; a link that cannot be used says why."""
    try:
        return _choose_password(signing_keys(current_app), token)
    except LinkRefused as refused:
        html = render_template("auth/link_refused.html", reason=refused.reason)
        return html, REFUSED_STATUS[refused.reason]


def _choose_password(keys: list[str], token: str) -> ResponseReturnValue:
    """Only a POST uses the link up, so a mail scanner that opens it changes nothing.
    The access log records the route pattern, never the token."""
    user, purpose = password_reset.check_link(db.session, keys, token)
    form = NewPasswordForm()
    if form.validate_on_submit():
        problem = password_reset.set_password(db.session, keys, token, form.new.data)
        if problem is None:
            return _password_set()
        form.new.errors = [problem]
    html = render_template("auth/set_password.html", form=form, user=user, purpose=purpose)
    return html, _status(form)


def _password_set() -> ResponseReturnValue:
    """Out of any session this browser had (it may be someone else's), then to sign in."""
    sessions.end()
    flash("Your password is set. Sign in with it now.", "success")
    return redirect(url_for("auth.login"))

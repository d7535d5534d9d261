"""Admin pages under /admin: regions, boards, accounts and roles, and the audit log.

Anyone signed in without the admin role gets 404 for every page here.
"""

from datetime import datetime
from typing import cast

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_wtf import FlaskForm

from app.accounts.password_mail import LinkMailer
from app.admin import accounts, service
from app.admin.mail import mail_status
from app.admin.service import AdminError
from app.auth.access import require_admin
from app.auth.lockout import LOCAL_TIME, as_utc
from app.extensions import db, login_manager
from app.models import User
from forms.admin import AccountForm, ActionForm, BoardForm, RegionForm, RoleForm

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.app_template_filter("uk_time")
def uk_time(moment: datetime) -> str:
    return as_utc(moment).astimezone(LOCAL_TIME).strftime("%-d %b %Y, %H:%M:%S")


@bp.before_request
def admins_only() -> ResponseReturnValue | None:
    if not current_user.is_authenticated:
        return cast(ResponseReturnValue, login_manager.unauthorized())
    require_admin()
    return None


def _admin() -> User:
    return cast(User, current_user._get_current_object())


def _choices() -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    boards = [(b.id, f"{b.name} ({b.region.name})") for b in service.boards(db.session)]
    return boards, [(r.id, r.name) for r in service.regions(db.session)]


@bp.get("/")
def index() -> str:
    return render_template("admin/index.html")


def _page(
    template: str, form: FlaskForm, problem: str | None = None, **context: object
) -> ResponseReturnValue:
    """A form page: 400 for a refused change, 422 for a form with errors, else 200."""
    html = render_template(template, form=form, problem=problem, **context)
    return html, 400 if problem else 422 if form.errors else 200


@bp.route("/regions", methods=["GET", "POST"])
def regions() -> ResponseReturnValue:
    """List regions; add one."""
    form = RegionForm()
    if form.validate_on_submit():
        try:
            service.create_region(db.session, _admin(), form.slug.data, form.name.data)
        except AdminError as error:
            return _page(
                "admin/regions.html", form, str(error), regions=service.regions(db.session)
            )
        flash(f"Region {form.name.data} added.", "success")
        return redirect(url_for("admin.regions"))
    return _page("admin/regions.html", form, regions=service.regions(db.session))


@bp.route("/boards", methods=["GET", "POST"])
def boards() -> ResponseReturnValue:
    """List boards; add one to a region."""
    form = BoardForm().offer(_choices()[1])
    if form.validate_on_submit():
        try:
            service.create_board(db.session, _admin(), *form.values())
        except AdminError as error:
            return _page("admin/boards.html", form, str(error), boards=service.boards(db.session))
        flash(f"Board {form.name.data} added.", "success")
        return redirect(url_for("admin.boards"))
    return _page("admin/boards.html", form, boards=service.boards(db.session))


@bp.get("/accounts")
def account_list() -> str:
    return render_template("admin/accounts.html", users=accounts.accounts(db.session))


@bp.route("/accounts/new", methods=["GET", "POST"])
def account_new() -> ResponseReturnValue:
    """Create an account with one role; its owner is emailed a link to set a password."""
    form = AccountForm().offer(*_choices())
    if form.validate_on_submit():
        try:
            user = accounts.create_account(
                db.session, _admin(), LinkMailer.for_app(current_app), form.email.data,
                form.role.data, form.scope_id(),
            )  # fmt: skip
        except AdminError as error:
            return _page("admin/account_new.html", form, str(error))
        return render_template("admin/account_created.html", user=user)
    return _page("admin/account_new.html", form)


def _account_or_404(user_id: int) -> User:
    user = accounts.account(db.session, user_id)
    if user is None:
        abort(404)
    return user


def _account_page(
    user: User, form: RoleForm | None = None, problem: str | None = None
) -> ResponseReturnValue:
    form = form or RoleForm(formdata=None).offer(*_choices())
    return _page("admin/account.html", form, problem, user=user, action=ActionForm(formdata=None))


@bp.get("/accounts/<int:user_id>")
def account(user_id: int) -> ResponseReturnValue:
    return _account_page(_account_or_404(user_id))


@bp.post("/accounts/<int:user_id>/roles")
def grant(user_id: int) -> ResponseReturnValue:
    """Give the account a role on a board, on a region, or everywhere (admin)."""
    user, form = _account_or_404(user_id), RoleForm().offer(*_choices())
    if not form.validate():
        return _account_page(user, form)
    try:
        accounts.grant_role(db.session, _admin(), user, form.role.data, form.scope_id())
    except AdminError as error:
        return _account_page(user, form, str(error))
    flash("Role added.", "success")
    return redirect(url_for("admin.account", user_id=user.id))


def _revoke(user: User) -> str:
    accounts.revoke_role(db.session, _admin(), user, request.form.get("membership", type=int) or 0)
    return "Role removed."


def _disable(user: User) -> str:
    accounts.set_active(db.session, _admin(), user, False)
    return f"{user.email} is disabled and signed out everywhere."


def _enable(user: User) -> str:
    accounts.set_active(db.session, _admin(), user, True)
    return f"{user.email} can sign in again."


def _reset_two_factor(user: User) -> str:
    accounts.reset_two_factor(db.session, _admin(), user)
    return f"Two-factor sign-in is reset for {user.email}. They set it up again at next sign-in."


CHANGES = {
    "revoke": _revoke,
    "disable": _disable,
    "enable": _enable,
    "two-factor": _reset_two_factor,
}


@bp.post("/accounts/<int:user_id>/<any(revoke, disable, enable, 'two-factor'):change>")
def change(user_id: int, change: str) -> ResponseReturnValue:
    """One button's change to the account; a refusal re-shows the page saying why."""
    user = _account_or_404(user_id)
    try:
        message = CHANGES[change](user)
    except AdminError as error:
        return _account_page(user, problem=str(error))
    flash(message, "success")
    return redirect(url_for("admin.account", user_id=user.id))


@bp.post("/accounts/<int:user_id>/password-link")
def password_link(user_id: int) -> ResponseReturnValue:
    """Email the account a link to set a new password; nothing changes until it is used."""
    user = _account_or_404(user_id)
    try:
        accounts.send_password_link(db.session, _admin(), LinkMailer.for_app(current_app), user)
    except AdminError as error:
        return _account_page(user, problem=str(error))
    flash(f"We have emailed {user.email} a link to set a new password.", "success")
    return redirect(url_for("admin.account", user_id=user.id))


@bp.get("/audit")
def audit() -> str:
    """The audit log, newest first, a page at a time."""
    page = service.audit_page(db.session, request.args.get("page", 1, type=int) or 1)
    return render_template("admin/audit.html", page=page)


@bp.get("/mail")
def mail() -> str:
    """Mail waiting to be sent, and mail given up on: kinds and reasons, never recipients."""
    return render_template("admin/mail.html", status=mail_status(db.session))

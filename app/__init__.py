"""The Chorus application factory."""

from pathlib import Path
from typing import Any

from flask import Flask
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader
from werkzeug.middleware.proxy_fix import ProxyFix

from app import database  # noqa: F401  (engine pragmas)
from app.config import configure
from app.extensions import compress, csrf, db, limiter, login_manager, migrate
from app.security.cookies import SessionCookies

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app: defaults, environment, then test overrides."""
    app = Flask(__name__, instance_path=str(ROOT / "instance"), static_folder="static")
    configure(app, test_config)
    app.session_interface = SessionCookies()
    register_templates(app)
    register_extensions(app)
    register_blueprints(app)
    register_hooks(app)
    register_cli(app)
    if app.config.get("TRUSTED_PROXIES"):
        # Behind a reverse proxy the client address (for throttling only) comes from it.
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    return app


def register_templates(app: Flask) -> None:
    app.jinja_loader = ChoiceLoader(
        [FileSystemLoader(ROOT / "templates"), PackageLoader("govuk_frontend_jinja")]
    )
    app.jinja_env.globals["exit_url"] = app.config["EXIT_URL"]
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True


def register_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    from app.auth import access  # noqa: F401  (registers the user loader)

    compress.init_app(app)


def register_blueprints(app: Flask) -> None:
    from app.actions.routes import bp as actions_bp
    from app.admin import bp as admin_bp
    from app.auth import bp as auth_bp
    from app.boards.routes import bp as boards_bp
    from app.errors import bp as errors_bp
    from app.links.routes import bp as links_bp
    from app.metrics.routes import bp as metrics_bp
    from app.pages import bp as pages_bp
    from app.panel.checks import bp as panel_checks_bp
    from app.panel.routes import bp as panel_bp
    from app.questionnaires.routes import bp as questionnaires_bp
    from app.respond import bp as respond_bp
    from app.results.routes import bp as results_bp
    from app.safeguarding import bp as safeguarding_bp
    from app.surveys.routes import bp as surveys_bp
    from app.training.routes import bp as training_bp

    blueprints = (
        errors_bp,
        pages_bp,
        respond_bp,
        auth_bp,
        admin_bp,
        boards_bp,
        surveys_bp,
        links_bp,
        questionnaires_bp,
        results_bp,
        panel_bp,
        panel_checks_bp,
        actions_bp,
        metrics_bp,
        training_bp,
        safeguarding_bp,
    )
    for blueprint in blueprints:
        app.register_blueprint(blueprint)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Sign in to see that page."
    login_manager.login_message_category = "info"


def register_hooks(app: Flask) -> None:
    from app.metrics.instruments import register_instruments
    from app.security.headers import register_headers
    from app.security.logging import register_access_log
    from app.security.requests import register_request_limits
    from app.security.static import register_static

    register_headers(app)
    register_access_log(app)
    register_instruments(app)
    register_request_limits(app)
    register_static(app)


def register_cli(app: Flask) -> None:
    from app.backup.cli import backup_command, restore_command
    from app.cli import register_commands
    from app.mail.cli import send_mail_command
    from app.panel.cli import panel_command
    from app.results.cli import evidence_command
    from app.safeguarding.cli import review_queue_command
    from app.training.cli import send_reminders_command

    register_commands(app)
    app.cli.add_command(evidence_command)
    app.cli.add_command(panel_command)
    app.cli.add_command(send_mail_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(send_reminders_command)
    app.cli.add_command(review_queue_command)

"""Limits on what one request may carry, whatever its encoding."""

from flask import Flask, abort, request


def register_request_limits(app: Flask) -> None:
    @app.before_request
    def _limit_fields() -> None:
        # Werkzeug caps the parts of multipart bodies only; URL-encoded ones need this.
        if request.method == "POST" and len(request.form) > app.config["MAX_FORM_PARTS"]:
            abort(413)

"""Static files through WhiteNoise: precompressed, cached, and versioned by content hash."""

import hashlib
from pathlib import Path

from flask import Flask, url_for
from whitenoise import WhiteNoise

YEAR = 365 * 24 * 3600


def register_static(app: Flask) -> None:
    static = Path(app.static_folder or "")
    app.wsgi_app = WhiteNoise(  # type: ignore[method-assign]
        app.wsgi_app, root=static, prefix="static/", max_age=YEAR
    )
    versions: dict[str, str] = {}

    def asset_url(filename: str) -> str:
        """URL of a static file with a content hash, so a rebuild is fetched afresh."""
        if filename not in versions or app.debug:
            path = static / filename
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12] if path.exists() else "0"
            versions[filename] = digest
        return url_for("static", filename=filename, v=versions[filename])

    app.jinja_env.globals["asset_url"] = asset_url

"""A region a regional viewer (or an admin) may see; 404 for anyone else."""

import logging

from flask import abort
from sqlalchemy import select

from app.auth.access import regions_for
from app.boards.scope import signed_in
from app.extensions import db
from app.models import Region

log = logging.getLogger("chorus.access")


def require_region(slug: str) -> Region:
    user = signed_in()
    if user.is_admin:
        found = db.session.scalar(select(Region).where(Region.slug == slug))
    else:
        found = next((r for r in regions_for(user) if r.slug == slug), None)
    if found is None:
        log.warning("region access refused: user=%s", user.id)
        abort(404)
    return found

"""The training blueprint and who may do what on a board's courses."""

from flask import Blueprint

from app.models import Role

bp = Blueprint("training", __name__)

# Trainers and managers set courses up; analysts may look (the results are theirs too).
EDITORS = (Role.MANAGER, Role.TRAINER)
READERS = (Role.MANAGER, Role.TRAINER, Role.ANALYST)

"""The Chorus schema, in one import."""

from app.models.audit import AuditEvent
from app.models.base import Base
from app.models.boards import Board, Region
from app.models.links import Draft, Invitation, LinkBatch, OpenLink, Receipt
from app.models.mail import OutboxMessage
from app.models.panel import AGENCIES, LEVELS, PanelCheck, PanelInvite, PanelMember
from app.models.questionnaires import Questionnaire, QuestionnaireVersion
from app.models.responses import Answer, Response, Stop
from app.models.safeguarding import (
    CONTACT_OUTCOMES,
    FLAG_OUTCOMES,
    REACH_BY,
    ContactRequest,
    Flag,
)
from app.models.sign_in import SignInThrottle
from app.models.surveys import Survey, SurveyStatus
from app.models.users import BOARD_ROLES, Membership, Role, User

__all__ = [
    "AGENCIES",
    "BOARD_ROLES",
    "CONTACT_OUTCOMES",
    "FLAG_OUTCOMES",
    "LEVELS",
    "REACH_BY",
    "Answer",
    "AuditEvent",
    "Base",
    "Board",
    "ContactRequest",
    "Draft",
    "Flag",
    "Invitation",
    "LinkBatch",
    "Membership",
    "OpenLink",
    "OutboxMessage",
    "PanelCheck",
    "PanelInvite",
    "PanelMember",
    "Questionnaire",
    "QuestionnaireVersion",
    "Receipt",
    "Region",
    "Response",
    "Role",
    "SignInThrottle",
    "Stop",
    "Survey",
    "SurveyStatus",
    "User",
]

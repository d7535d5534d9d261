"""The Chorus schema, in one import."""

from app.models.audit import AuditEvent
from app.models.base import Base
from app.models.boards import Board, Region
from app.models.links import Draft, Invitation, LinkBatch, OpenLink, Receipt
from app.models.mail import OutboxMessage
from app.models.panel import AGENCIES, LEVELS, PanelCheck, PanelInvite, PanelMember
from app.models.questionnaires import Questionnaire, QuestionnaireVersion
from app.models.responses import Answer, Response, Stop
from app.models.sign_in import SignInThrottle
from app.models.surveys import Survey, SurveyStatus
from app.models.training import (
    PHASES,
    CodeRecord,
    Course,
    CourseSession,
    Phase,
    Reminder,
    SessionPhase,
)
from app.models.users import BOARD_ROLES, Membership, Role, User

__all__ = [
    "AGENCIES",
    "BOARD_ROLES",
    "LEVELS",
    "PHASES",
    "Answer",
    "AuditEvent",
    "Base",
    "Board",
    "CodeRecord",
    "Course",
    "CourseSession",
    "Draft",
    "Invitation",
    "LinkBatch",
    "Membership",
    "OpenLink",
    "OutboxMessage",
    "PanelCheck",
    "PanelInvite",
    "PanelMember",
    "Phase",
    "Questionnaire",
    "QuestionnaireVersion",
    "Receipt",
    "Region",
    "Reminder",
    "Response",
    "Role",
    "SessionPhase",
    "SignInThrottle",
    "Stop",
    "Survey",
    "SurveyStatus",
    "User",
]

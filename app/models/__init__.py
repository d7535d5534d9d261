"""The Chorus schema, in one import."""

from app.models.actions import ACTION_STATUSES, Action
from app.models.audit import AuditEvent
from app.models.base import Base
from app.models.boards import Board, Region
from app.models.links import Draft, Invitation, LinkBatch, OpenLink, Receipt
from app.models.mail import OutboxMessage
from app.models.panel import AGENCIES, LEVELS, PanelCheck, PanelInvite, PanelMember
from app.models.questionnaires import Questionnaire, QuestionnaireVersion
from app.models.responses import Answer, Response, Stop
from app.models.retention import EvidenceSnapshot
from app.models.safeguarding import (
    CONTACT_OUTCOMES,
    FLAG_OUTCOMES,
    REACH_BY,
    ContactRequest,
    Flag,
)
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
    "ACTION_STATUSES",
    "AGENCIES",
    "BOARD_ROLES",
    "CONTACT_OUTCOMES",
    "FLAG_OUTCOMES",
    "LEVELS",
    "PHASES",
    "REACH_BY",
    "Action",
    "Answer",
    "AuditEvent",
    "Base",
    "Board",
    "CodeRecord",
    "ContactRequest",
    "Course",
    "CourseSession",
    "Draft",
    "EvidenceSnapshot",
    "Flag",
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

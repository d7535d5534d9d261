"""Carrying a new batch's links from the page that shows them to its CSV download.

The database keeps only hashes, so the links exist nowhere but on that page. Its
"Download CSV" form posts them back sealed: signed with the app's keys under a salt of
their own, bound to the batch, and refused after an hour, so they cannot be forged,
swapped to another batch or replayed later. Nothing is stored server-side.
"""

import hashlib
from collections.abc import Sequence

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

EXPORT_SALT = "chorus.links.batch-export"
EXPORT_MAX_AGE = 3600


class ExportProblem(Exception):
    """The sealed list cannot be used: ``reason`` is 'expired' or 'invalid'."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _serializer(keys: Sequence[str]) -> URLSafeTimedSerializer:
    # itsdangerous signs with the last key and accepts any: oldest first.
    return URLSafeTimedSerializer(
        list(keys), salt=EXPORT_SALT, signer_kwargs={"digest_method": hashlib.sha256}
    )


def seal(keys: Sequence[str], batch_id: int, tokens: Sequence[str]) -> str:
    """A signed, timestamped copy of the batch's tokens for the download form."""
    return _serializer(keys).dumps({"batch": batch_id, "tokens": list(tokens)})


def unseal(keys: Sequence[str], sealed: str, batch_id: int) -> list[str]:
    """The tokens sealed for this batch within the hour; ExportProblem otherwise."""
    try:
        data = _serializer(keys).loads(sealed, max_age=EXPORT_MAX_AGE)
    except SignatureExpired as error:
        raise ExportProblem("expired") from error
    except BadSignature as error:
        raise ExportProblem("invalid") from error
    if not isinstance(data, dict) or data.get("batch") != batch_id:
        raise ExportProblem("invalid")
    tokens = data.get("tokens")
    if not isinstance(tokens, list) or not all(isinstance(t, str) for t in tokens):
        raise ExportProblem("invalid")
    return tokens

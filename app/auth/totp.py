"""Time-based one-time codes (RFC 6238) for the second sign-in step, and their QR codes."""

import base64
import hmac
import io
import re

import pyotp
import segno

ISSUER = "Chorus"
# One step either side absorbs a phone clock a little out and a slow typist.
DRIFT_STEPS = 1
_CODE = re.compile(r"\d{6}")


def new_secret() -> str:
    """A random base32 secret of 160 bits, as RFC 4226 recommends."""
    return pyotp.random_base32(32)


def normalise_code(code: str) -> str:
    """The digits of a code as typed, without the spaces or dashes apps show."""
    return re.sub(r"[\s-]", "", code or "")


def matching_step(secret: str, code: str, now: float, last_step: int | None) -> int | None:
    """The time step the code belongs to if valid and newer than ``last_step``, else None."""
    code = normalise_code(code)
    if not _CODE.fullmatch(code):
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(int(now))
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        expected = totp.generate_otp(step)
        if hmac.compare_digest(expected, code) and (last_step is None or step > last_step):
            return step
    return None


def provisioning_uri(secret: str, email: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def qr_data_uri(uri: str) -> str:
    """The URI as a QR code SVG in a base64 data URI, drawn here so no script is needed."""
    buffer = io.BytesIO()
    segno.make(uri, error="m").save(buffer, kind="svg", scale=5, border=4, xmldecl=False)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def grouped(secret: str) -> str:
    """The secret in groups of four, easier to type into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))

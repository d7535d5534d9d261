"""A minimal HTTP/1.1 client over plain sockets, cheap enough to share two cores with the server.

It speaks only what the benchmark needs: Content-Length bodies, gzip, one cookie, and either
a new connection per request (as gunicorn's sync workers close every connection) or
keep-alive.
"""

import socket
import zlib
from dataclasses import dataclass


class WireError(Exception):
    """The server's answer could not be read (closed early, malformed, timed out)."""


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]  # lower-case names; a repeated header keeps its last value
    body: bytes

    def text(self) -> bytes:
        """The body with any gzip content coding removed."""
        if self.headers.get("content-encoding") == "gzip":
            return zlib.decompress(self.body, 16 + zlib.MAX_WBITS)
        return self.body


class Wire:
    """Requests to one loopback server, on a fresh connection each or on one kept alive."""

    def __init__(self, host: str, port: int, timeout: float, keepalive: bool = False) -> None:
        self.address = (host, port)
        self.host_header = f"{host}:{port}"
        self.timeout = timeout
        self.keepalive = keepalive
        self.sock: socket.socket | None = None

    def request(
        self, method: str, path: str, headers: dict[str, str] | None = None, body: bytes = b""
    ) -> Reply:
        """Send one request and read the whole reply; raise OSError or WireError on failure."""
        reused = self.sock is not None
        try:
            return self._exchange(self._head(method, path, headers, body) + body)
        except (OSError, WireError):
            self.close()
            if not reused:
                raise
        # A kept-alive connection the server had closed: retry once on a new one, as browsers do.
        return self._exchange(self._head(method, path, headers, body) + body)

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
            self.sock = None

    def _head(self, method: str, path: str, headers: dict[str, str] | None, body: bytes) -> bytes:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host_header}"]
        lines.append("Connection: keep-alive" if self.keepalive else "Connection: close")
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        if body or method == "POST":
            lines.append(f"Content-Length: {len(body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def _exchange(self, data: bytes) -> Reply:
        if self.sock is None:
            self.sock = socket.create_connection(self.address, timeout=self.timeout)
        self.sock.sendall(data)
        reply, closes = _read_reply(self.sock)
        if closes or not self.keepalive:
            self.close()
        return reply


def _read_reply(sock: socket.socket) -> tuple[Reply, bool]:
    """One reply, and whether the server will close the connection after it."""
    buffer = b""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            raise WireError("closed before the headers")
        buffer += chunk
    head, _, body = buffer.partition(b"\r\n\r\n")
    status, headers = _parse_head(head)
    length = headers.get("content-length")
    closes = headers.get("connection", "").lower() == "close"
    if length is None:
        body += _read_to_end(sock)
        return Reply(status, headers, body), True
    wanted = int(length)
    while len(body) < wanted:
        chunk = sock.recv(max(65536, wanted - len(body)))
        if not chunk:
            raise WireError("closed inside the body")
        body += chunk
    return Reply(status, headers, body[:wanted]), closes


def _read_to_end(sock: socket.socket) -> bytes:
    parts = []
    while chunk := sock.recv(65536):
        parts.append(chunk)
    return b"".join(parts)


def _parse_head(head: bytes) -> tuple[int, dict[str, str]]:
    lines = head.decode("latin-1").split("\r\n")
    try:
        status = int(lines[0].split(" ", 2)[1])
    except (IndexError, ValueError):
        raise WireError("malformed status line") from None
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers

"""Credentials never leave the process: every URL is redacted before it is logged, printed or passed on.

Example:
    >>> redact("postgresql://user:secret@db.example.org:5432/studies")
    'postgresql://user:***@db.example.org:5432/studies'
    >>> redact("journal:results/search/spec.journal")
    'journal:results/search/spec.journal'
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

MASK = "***"
# scheme://user:password@host — also inside free text such as a driver's error message
_IN_TEXT = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.-]*://[^/\s:@]*:)(?P<secret>[^@\s/]+)(?P<at>@)")


def redact(url: str | None) -> str:
    """``url`` with its password (and any ``password=`` query value) replaced by ``***``."""
    if not url:
        return url or ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return _IN_TEXT.sub(lambda m: m["head"] + MASK + m["at"], url)
    netloc = parts.netloc
    if parts.password is not None:
        user = parts.username or ""
        host = netloc.rsplit("@", 1)[1]
        netloc = f"{user}:{MASK}@{host}"
    query = re.sub(r"(?i)(password|passwd|pwd)=[^&]*", lambda m: f"{m[1]}={MASK}", parts.query)
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def redact_text(text: str, *urls: str | None) -> str:
    """Free text (an error message) with the secrets of ``urls``, and any URL credentials, masked."""
    out = _IN_TEXT.sub(lambda m: m["head"] + MASK + m["at"], text)
    for url in urls:
        if not url:
            continue
        try:
            secret = urlsplit(url).password
        except ValueError:
            secret = None
        if secret:
            out = out.replace(secret, MASK)
        out = out.replace(url, redact(url))
    return out

"""Turning raw bytes into clean article text: decoding, markup and control characters."""

from __future__ import annotations

import html
import re
import unicodedata

_TAG = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^<>]{1,2000}>", re.S | re.I)
_BLOCK_TAG = re.compile(r"</?(p|div|br|h[1-6]|li|tr|article|section)\b[^>]*>", re.I)
_LOOKS_LIKE_HTML = re.compile(r"</?(p|div|br|span|a|b|i|em|strong|h[1-6]|script|html|body)\b", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Invisible formatting: zero-width spaces and joiners, direction marks and embeddings, word joiners,
# the byte-order mark, soft hyphens. They hide the words next to them from the extractors.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class DecodeError(ValueError):
    """Raised with a reject reason code when bytes cannot be turned into text."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode bytes as UTF-8, else cp1252 when that is unambiguous.

    Returns:
        The text and a warning (``None`` when the bytes were clean UTF-8).

    Raises:
        DecodeError: with reason ``binary`` or ``encoding``.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    head = data[:8192]
    controls = sum(b < 9 or 13 < b < 32 for b in head)
    if b"\x00" in head or controls > len(head) // 20:
        raise DecodeError("binary", "the file is not UTF-8 and holds NUL or control bytes: it looks binary")
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise DecodeError("encoding", f"not UTF-8 and not cp1252 ({exc.reason})") from exc
    printable = sum(ch.isprintable() or ch in "\n\r\t" for ch in text)
    if printable < 0.97 * len(text):
        raise DecodeError("binary", "the bytes do not decode to readable text")
    return text, "decoded as cp1252: the file is not UTF-8"


def clean_field(value: object) -> str | None:
    """A short text field (title, URL) as a clean one-line string, or None when empty."""
    if value is None or value == "":
        return None
    text = _SURROGATE.sub("\ufffd", _INVISIBLE.sub("", _CONTROL.sub(" ", str(value))))
    return " ".join(text.split()) or None


def clean(text: str) -> tuple[str, str | None]:
    """Strip HTML markup, control and invisible formatting characters; normalise to NFC.

    Returns:
        The cleaned text and a note of the repair made (``None`` when nothing changed).
    """
    notes = []
    if _LOOKS_LIKE_HTML.search(text):
        text = _BLOCK_TAG.sub("\n\n", text)
        text = html.unescape(_TAG.sub("", text))
        text = re.sub(r"[ \t]+\n", "\n", text)
        text = re.sub(r"\n{3,}", "\n\n", text)
        notes.append("html markup stripped")
    if _CONTROL.search(text):
        text = _CONTROL.sub(" ", text)
        notes.append("control characters replaced")
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
        notes.append("invisible formatting characters removed")
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
        notes.append("lone surrogates replaced")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    return text, "; ".join(notes) or None

"""Error and reject codes, in one place so that users can look them up (docs/rejects)."""

from __future__ import annotations


class NewsmineError(Exception):
    """An error a user can act on; ``newsmine`` prints it on one line and exits non-zero.

    The line reads ``E0xx: <what> — <what to do>``: ``message`` says what is wrong, ``hint`` what to do.
    """

    def __init__(self, code: str, message: str, hint: str | None = None) -> None:
        super().__init__(f"{code}: {message}" + (f" — {hint}" if hint else ""))
        self.code = code
        self.message = message
        self.hint = hint

    def __reduce__(self) -> tuple[type[NewsmineError], tuple[str, str, str | None]]:
        # raised in worker processes and pickled back: rebuild it from its parts
        return type(self), (self.code, self.message, self.hint)


# Codes of rows in the ``rejects`` table: why an input could not become an article.
REJECT_REASONS: dict[str, str] = {
    "empty": "the file is empty or holds only whitespace",
    "binary": "the file is binary (NUL bytes or undecodable), not text",
    "encoding": "the text is not UTF-8 and no single-byte encoding fits it unambiguously",
    "no_date_header": "a .txt file must start with 'date YYYY-MM-DD'",
    "bad_date": "the publication date is not a valid calendar date",
    "future_date": "the publication date is after the ingestion date",
    "bad_json": "the JSON could not be parsed",
    "missing_field": "a JSON article needs 'text' and 'published'",
    "too_large": "the file is over the size limit",
    "unreadable": "the file could not be read (permissions or IO error)",
    "outside_raw": "a link pointing outside the raw folder is not followed",
    "duplicate": "the same article (same date and text) was already read from another file",
    "no_text": "nothing remains of the text after markup and control characters are removed",
    "too_long": "the article text is over the length limit (NEWSMINE_MAX_TEXT_CHARS)",
    "hidden": "a hidden file (its name or a folder's starts with a dot) is not read",
    "unsupported": "the file is not one of the formats read (.txt, .json, .jsonl, .html, .htm, .warc, .warc.gz)",
    "not_an_article": "the page or record holds no article (too little main text, a section front, a gallery)",
    "not_english": "the page is not in English (the language found is in the message)",
    "no_date": "the page gives no publication date (metadata, <time> or URL); see --crawl-date-fallback",
    "http_status": "the archived response is not HTTP 200 (a redirect, a 404, an error)",
    "not_html": "the archived response is not an HTML page (an image, a script, a PDF)",
    "corrupt_archive": "the archive is corrupt or truncated from this offset; the records before it were read",
    "not_a_file": "the entry is a pipe, socket or device, not a regular file",
    "extraction_error": "extracting the article failed (the exception is in the message); the run went on",
}

# Codes of errors that end a run.
E_NO_RAW_DIR = "E001"
E_NO_ARTICLES = "E002"
E_MODEL = "E003"
E_WRITE = "E004"
E_VALIDATION = "E005"
E_LOCKED = "E006"
E_GOLD = "E007"
E_RUNNER = "E008"
E_LOCATION = "E009"
E_NO_SERVER = "E010"
E_SETTING = "E011"
E_NO_TABLES = "E012"

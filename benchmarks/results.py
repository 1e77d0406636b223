"""``benchmarks/RESULTS.md``: each benchmark owns a section between its two markers and rewrites
only that, so that one benchmark's run keeps the others' results (and any text outside them)."""

from pathlib import Path

RESULTS = Path(__file__).with_name("RESULTS.md")


def write_section(name: str, body: str, results: Path = RESULTS) -> str:
    """Put ``body`` between the markers of section ``name`` (appended when new); returns the section."""
    start, end = f"<!-- {name}: benchmarks/{name}.py -->", f"<!-- /{name} -->"
    section = f"{start}\n{body.strip()}\n{end}"
    text = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n"
    if start in text and end in text:
        text = text[: text.index(start)] + section + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    results.write_text(text, encoding="utf-8")
    return section

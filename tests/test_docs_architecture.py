"""The docs match the code, and the library keeps its boundaries."""

from __future__ import annotations

import ast
from pathlib import Path

from newsmine.docs import tables_markdown

ROOT = Path(__file__).resolve().parents[1]


def test_docs_tables_md_matches_table_definitions():
    assert (ROOT / "docs" / "tables.md").read_text(encoding="utf-8") == tables_markdown(), (
        "docs/tables.md is out of date: run `newsmine docs` (make docs)"
    )


def test_docs_every_column_documented():
    from newsmine.tables import ALL

    for table in ALL.values():
        assert table.doc
        for column in table.columns:
            assert column.doc, f"{table.name}.{column.name} has no doc"


def test_architecture_library_never_imports_prefect():
    for path in (ROOT / "newsmine").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(n.split(".")[0] in {"prefect", "flows"} for n in names), f"{path} imports {names}"


def test_architecture_settings_read_environment_in_one_place():
    offenders = [
        p.name
        for p in (ROOT / "newsmine").rglob("*.py")
        if p.name != "settings.py" and ("os.getenv" in p.read_text() or "os.environ" in p.read_text())
    ]
    assert offenders == []

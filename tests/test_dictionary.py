"""The data dictionary in docs/ is generated from schemas/ and kept up to date."""

from __future__ import annotations

from schemas.dictionary import TABLE_MEANINGS, column, markdown
from schemas.tables import TABLES
from tests.conftest import REPO


def test_docs_data_dictionary_is_up_to_date() -> None:
    written = (REPO / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert written == markdown(), "run: python -m schemas.dictionary > docs/data-dictionary.md"


def test_every_column_has_a_meaning_in_both_languages_and_a_unique_chinese_header() -> None:
    assert set(TABLE_MEANINGS) == set(TABLES)
    for table, schema in TABLES.items():
        entries = [column(table, name) for name in schema.names]
        assert all(e.zh and e.en_meaning and e.zh_meaning for e in entries), table
        headers = [e.zh for e in entries]
        assert len(set(headers)) == len(headers), f"{table}: two columns share a Chinese header"

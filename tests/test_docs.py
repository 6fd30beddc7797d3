"""The README and docs/indicators.md say what the code declares (regenerate: scripts/gen_docs.py)."""

from explorer.docs import INDICATORS_MD, README, coverage_from_index, indicators_markdown, readme_with_sources


def test_readme_source_table_is_current():
    text = README.read_text(encoding="utf-8")
    assert readme_with_sources(text) == text, "README is stale: run .venv/bin/python scripts/gen_docs.py"


def test_indicator_docs_are_current():
    assert INDICATORS_MD.read_text(encoding="utf-8") == indicators_markdown(coverage_from_index()), \
        "docs/indicators.md is stale: run .venv/bin/python scripts/gen_docs.py"


def test_readme_names_the_licences_that_restrict_use():
    text = README.read_text(encoding="utf-8")
    for phrase in ("PTS: CC BY-NC 4.0", "V-Dem: CC BY-SA 4.0", "RSF: non-commercial", "bash scripts/app.sh",
                   "bash scripts/test.sh"):
        assert phrase in text

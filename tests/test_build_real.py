"""The real build: deterministic, and the shipped data/ is what the builder derives today."""

import hashlib

from explorer.build import build
from explorer.store import Index


def test_build_twice_same_bytes_and_shipped_index_is_current(raw, tmp_path, index):
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    summary = build(raw=raw, target=a, progress=lambda s: None)
    build(raw=raw, target=b, progress=lambda s: None)
    assert hashlib.sha256(a.read_bytes()).hexdigest() == hashlib.sha256(b.read_bytes()).hexdigest()
    fresh = Index(a)
    assert fresh.meta["content_sha256"] == index.meta["content_sha256"], \
        "data/explorer.sqlite is stale: run `explorer build-index` and commit it"
    assert fresh.meta["inputs_sha256"] == index.meta["inputs_sha256"]
    assert summary["countries"] >= 190 and summary["indicators"] >= 25 and summary["publishers"] >= 8

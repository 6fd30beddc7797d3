"""What the builder writes and the store reads must agree on: the index's schema version and the
first data year it covers (one place, so that readers need not import the builder)."""

SCHEMA_VERSION = 2  # 2: observations carry provenance and raw_sd

# The index covers data years from 2000: the app asks how states treat people now, and the
# long pre-2000 histories (PTS from 1976, FIW ratings from 1972) would triple the index
# without changing any answer it gives. The raw files keep the full history.
FIRST_YEAR = 2000

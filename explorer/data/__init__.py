"""The data layer: the read-only index on disk (``explorer.store``), the one in-memory Panel every
view reads, the named year rules and the ranking with ties."""

"""The composite "least persecution" answer: Qt-free so the CLI, the window and the tests
compute the same numbers (see docs/method.md)."""

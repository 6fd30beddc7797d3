"""Evented state, one object per concern: exploring (``ExplorerState``) and the answer
(``AnswerState``). Widgets bind to these; clamping and validation live here."""

from .explore import MAX_SELECTED, ExplorerState  # noqa: F401
from .timeline import TimelineState  # noqa: F401,E402

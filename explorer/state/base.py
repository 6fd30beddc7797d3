"""Evented state objects: declared fields, one event per field, validation on assignment,
batched updates and ``as_dict`` / ``update_from_dict`` (what saved views and sessions need).

Built on psygnal's evented dataclasses (what napari's EventedModel builds on): a subclass is
a ``@evented @dataclass`` whose ``validate_<field>(value)`` methods check and normalise a value
before it is stored; a refused value raises ``ValueError`` and changes nothing, and no event
fires. Nothing here knows about Qt, so the same objects drive tests, the CLI and the window.
"""

from __future__ import annotations

import copy
from contextlib import contextmanager
from dataclasses import fields
from typing import Any, Callable

Callback = Callable[[str], None]


class EventedState:
    """Base of the state objects. Subscribers hear the name of each field that changed."""

    def __setattr__(self, name: str, value: Any) -> None:
        check = getattr(type(self), f"validate_{name}", None)
        if check is not None:
            value = check(self, value)
        object.__setattr__(self, name, value)

    @classmethod
    def field_names(cls) -> list[str]:
        return [f.name for f in fields(cls) if not f.name.startswith("_")]

    def subscribe(self, callback: Callback) -> Callable[[], None]:
        """Call ``callback(field_name)`` after every change; returns an unsubscribe function."""
        def relay(info) -> None:
            callback(info.signal.name)
        self.events.all.connect(relay)

        def unsubscribe() -> None:
            try:
                self.events.all.disconnect(relay)
            except (ValueError, RuntimeError):
                pass
        return unsubscribe

    def subscribe_changes(self, callback: Callable[[set[str]], None]) -> Callable[[], None]:
        """Call ``callback(names)`` once per change, or once per ``batch`` with every field it
        changed (for views that recompute everything on any change)."""
        subs = self.__dict__.setdefault("_change_subs", [])

        def relay(info) -> None:
            if not getattr(self, "_flushing", False):
                callback({info.signal.name})
        self.events.all.connect(relay)
        subs.append(callback)

        def unsubscribe() -> None:
            try:
                self.events.all.disconnect(relay)
            except (ValueError, RuntimeError):
                pass
            if callback in subs:
                subs.remove(callback)
        return unsubscribe

    @contextmanager
    def batch(self):
        """Change several fields at once: subscribers hear each changed field once, at the end,
        after every field has its new value (no view redraws on a half-made change)."""
        depth = getattr(self, "_batch_depth", 0)
        if depth:
            object.__setattr__(self, "_batch_depth", depth + 1)
            try:
                yield self
            finally:
                object.__setattr__(self, "_batch_depth", depth)
            return
        before = {n: copy.copy(getattr(self, n)) for n in self.field_names()}
        object.__setattr__(self, "_batch_depth", 1)
        try:
            with self.events.blocked():
                yield self
        finally:
            object.__setattr__(self, "_batch_depth", 0)
        changed = [n for n in self.field_names() if getattr(self, n) != before[n]]
        object.__setattr__(self, "_flushing", True)
        try:
            for n in changed:
                getattr(self.events, n).emit(getattr(self, n), before[n])
        finally:
            object.__setattr__(self, "_flushing", False)
        if changed:
            for cb in list(self.__dict__.get("_change_subs", ())):
                cb(set(changed))

    def as_dict(self) -> dict[str, Any]:
        """Plain, JSON-ready values of every public field."""
        out = {}
        for n in self.field_names():
            v = getattr(self, n)
            out[n] = sorted(v) if isinstance(v, (set, frozenset)) else copy.deepcopy(v)
        return out

    def update_from_dict(self, values: dict[str, Any], strict: bool = False) -> list[str]:
        """Set the fields named in ``values`` (validated, batched). Unknown names are ignored
        (or refused with ``strict``); returns the names of the fields that were refused."""
        refused = []
        known = set(self.field_names())
        with self.batch():
            for n, v in values.items():
                if n not in known:
                    if strict:
                        raise ValueError(f"unknown field {n!r}")
                    continue
                try:
                    setattr(self, n, v)
                except (ValueError, TypeError):
                    if strict:
                        raise
                    refused.append(n)
        return refused

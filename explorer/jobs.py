"""One way to run slow work off the UI thread (in the spirit of Orange's ConcurrentWidgetMixin).

A job is a plain function ``fn(*args, progress=..., cancel=...)``: ``progress(fraction, text)``
reports, ``cancel()`` returns True once the job was superseded or stopped, and the function
should then raise ``Cancelled`` (or return; the result is dropped). Submitting to a *channel*
supersedes the job running there: the older one is told to stop and its result is never
delivered. One worker thread serves every channel, so jobs never race each other for the CPU.

Qt-free: ``deliver`` decides where results land. The window's adapter (``explorer.ui.jobs``)
delivers on the UI thread; tests and the CLI can run jobs synchronously.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable


class Cancelled(Exception):
    """The job was superseded by newer work, or the runner is shutting down."""


@dataclass
class Job:
    channel: str
    seq: int
    _stop: threading.Event = field(default_factory=threading.Event)

    def cancel(self) -> None:
        self._stop.set()

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()


Deliver = Callable[[Callable[[], None]], None]


def _direct(call: Callable[[], None]) -> None:
    call()


class Runner:
    """``submit(channel, fn, *args, on_done=, on_error=, on_progress=)`` -> Job."""

    def __init__(self, deliver: Deliver = _direct, threads: int = 1):
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="explorer-job")
        self._deliver = deliver
        self._lock = threading.Lock()
        self._current: dict[str, Job] = {}
        self._seq = 0
        self._closed = False

    def submit(self, channel: str, fn: Callable[..., Any], *args,
               on_done: Callable[[Any], None] | None = None,
               on_error: Callable[[BaseException], None] | None = None,
               on_progress: Callable[[float, str], None] | None = None, **kwargs) -> Job:
        with self._lock:
            if self._closed:
                raise RuntimeError("the job runner is shut down")
            old = self._current.get(channel)
            if old is not None:
                old.cancel()
            self._seq += 1
            job = Job(channel, self._seq)
            self._current[channel] = job

        def live() -> bool:
            with self._lock:
                return self._current.get(channel) is job and not job.cancelled

        def progress(fraction: float, text: str = "") -> None:
            if on_progress is not None and live():
                self._deliver(lambda: live() and on_progress(fraction, text))  # noqa: B023

        def run() -> None:
            try:
                result = fn(*args, progress=progress, cancel=lambda: job.cancelled, **kwargs)
            except Cancelled:
                return
            except BaseException as e:  # noqa: BLE001 - handed to on_error, never lost
                if live() and on_error is not None:
                    self._deliver(lambda err=e: live() and self._finish(job) and on_error(err))
                elif live():
                    self._finish(job)
                return
            if live():
                self._deliver(lambda: live() and self._finish(job) and on_done is not None and on_done(result))

        self._futures_add(self._pool.submit(run))
        return job

    def _finish(self, job: Job) -> bool:
        with self._lock:
            if self._current.get(job.channel) is job:
                del self._current[job.channel]
                return True
        return False

    def _futures_add(self, fut: Future) -> None:
        self._last = fut

    def running(self, channel: str) -> bool:
        with self._lock:
            return channel in self._current

    def cancel(self, channel: str) -> None:
        with self._lock:
            job = self._current.pop(channel, None)
        if job is not None:
            job.cancel()

    def shutdown(self, wait: bool = True) -> None:
        """Stop every job (they see ``cancel()`` turn True) and, with ``wait``, join the worker."""
        with self._lock:
            self._closed = True
            jobs = list(self._current.values())
            self._current.clear()
        for j in jobs:
            j.cancel()
        self._pool.shutdown(wait=wait, cancel_futures=True)

    def wait_idle(self, timeout: float | None = None) -> None:
        """Block until the last submitted job has run (tests, the CLI)."""
        fut = getattr(self, "_last", None)
        if fut is not None:
            fut.result(timeout)

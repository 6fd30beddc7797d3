"""Shared fixtures. Tests that read ../shared/data/raw skip with a reason when it is absent
(a user's fresh clone); CI has it. Everything else runs on the shipped index and fixtures."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hypothesis import settings  # noqa: E402

from explorer.paths import INDEX_PATH, raw_dir  # noqa: E402

# The suite (CI and the README's command) runs the same property examples every time, so a run
# that passes is repeatable; EXPLORER_HYPOTHESIS=explore draws new ones, to hunt for faults.
settings.register_profile("suite", derandomize=True, database=None)
settings.register_profile("explore")
settings.load_profile(os.environ.get("EXPLORER_HYPOTHESIS", "suite"))

RAW = raw_dir()
HAVE_RAW = (RAW / "countries" / "iso3166_countries_regions.csv").is_file()
needs_raw = pytest.mark.skipif(not HAVE_RAW, reason=f"raw public files not found at {RAW} "
                               "(fresh clone without ../shared); these tests run in CI")


def _redirected(name: str, folder):
    """Point environment variable ``name`` at ``folder`` for the session, then restore it."""
    old = os.environ.get(name)
    os.environ[name] = str(folder)
    yield
    if old is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = old


@pytest.fixture(autouse=True, scope="session")
def _never_touch_user_settings(tmp_path_factory):
    """No test reads or writes the user's real window settings (tests may narrow this further)."""
    yield from _redirected("EXPLORER_SETTINGS_DIR", tmp_path_factory.mktemp("settings"))


@pytest.fixture(autouse=True, scope="session")
def _never_touch_user_data(tmp_path_factory):
    """No test opens or writes the user's imported index (explorer.paths.user_data_dir)."""
    yield from _redirected("EXPLORER_DATA_DIR", tmp_path_factory.mktemp("user-data"))


@pytest.fixture(autouse=True, scope="session")
def _no_transitions():
    """Re-sort transitions off: tests assert on final states (tests of a transition set a duration)."""
    yield from _redirected("EXPLORER_TRANSITION_MS", 0)


@pytest.fixture(scope="session")
def raw():
    if not HAVE_RAW:
        pytest.skip(f"raw public files not found at {RAW}")
    return RAW


@pytest.fixture(scope="session")
def harmoniser(raw):
    from explorer.countries import Harmoniser
    return Harmoniser.load(raw)


@pytest.fixture(scope="session")
def index():
    """The shipped index in data/, opened read-only."""
    from explorer.store import Index
    return Index(INDEX_PATH)


@pytest.fixture()
def temp_settings(tmp_path, monkeypatch):
    """Window settings in a temporary folder, never the user's."""
    monkeypatch.setenv("EXPLORER_SETTINGS_DIR", str(tmp_path / "settings"))


@pytest.fixture(scope="session")
def data_panel():
    """The shipped index loaded once into the Panel every view reads."""
    from explorer.data.panel import Panel
    return Panel.load(INDEX_PATH)


@pytest.fixture(scope="session")
def panel_data(data_panel):
    from explorer.views.explore import ExploreData
    return ExploreData(data_panel)


@pytest.fixture()
def first_view_state(panel_data):
    """An ExplorerState on the app's first view (China and the default comparison)."""
    from explorer.state import ExplorerState
    st = ExplorerState()
    view = panel_data.default_view()
    st.set_indicator(view["indicator"])
    st.set_year(view["year"])
    st.set_selected(view["selected"])
    return st

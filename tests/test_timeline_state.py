"""The timeline's state and the saved-view file, without Qt: clamping, play steps, validation,
versioned JSON with a migration, and clear refusals."""

import json

import pytest

from explorer.state import ExplorerState, TimelineState
from explorer.state.view_file import FORMAT, VERSION, ViewFileError, check_into, from_text, to_doc, to_text


def span(first=2000, last=2004, year=2002):
    t = TimelineState()
    t.set_span(list(range(first, last + 1)))
    t.year = year
    return t


def test_a_year_outside_the_span_is_clamped_to_its_ends():
    t = span()
    t.year = 1990
    assert t.year == 2000
    t.step(+99)
    assert t.year == 2004


def test_a_fractional_year_or_an_unknown_speed_is_refused_and_changes_nothing():
    t = span()
    with pytest.raises(ValueError, match="whole number"):
        t.year = 2001.5
    with pytest.raises(ValueError, match="speed must be one of"):
        t.speed = 3
    assert (t.year, t.speed) == (2002, 1.0)


def test_play_advances_a_year_a_step_and_stops_at_the_last_year():
    t = span(year=2003)
    t.toggle()
    assert t.playing and t.advance() and t.year == 2004
    assert not t.advance() and not t.playing and t.year == 2004


def test_loop_goes_back_to_the_first_year_and_play_at_the_end_restarts():
    t = span(year=2004)
    t.loop = True
    t.playing = True
    assert t.advance() and t.year == 2000
    t = span(year=2004)
    t.toggle()
    assert t.playing and t.year == 2000


def test_without_years_the_timeline_cannot_play():
    t = TimelineState()
    t.set_span([])
    t.playing = True
    assert not t.playing


def doc(**explorer):
    return to_doc({"indicator": "fiw_total", "year": 2015, "selected": ["NOR"], "focused": "NOR", **explorer},
                  {"year": 2015, "speed": 2.0, "loop": True}, None, 0, 4)


def test_a_saved_view_round_trips_through_json():
    d = from_text(to_text(doc()))
    assert d["version"] == VERSION and d["format"] == FORMAT
    assert d["explorer"]["selected"] == ["NOR"] and d["timeline"]["speed"] == 2.0 and d["chart"] == 4


def test_a_version_1_view_is_migrated():
    old = {"format": FORMAT, "version": 1, "tab": 0,
           "view": {"indicator": "fiw_total", "year": 2010, "countries": ["CHN", "NOR"], "focus": "CHN"}}
    d = from_text(json.dumps(old))
    assert d["version"] == VERSION
    assert d["explorer"] == {"indicator": "fiw_total", "year": 2010, "selected": ["CHN", "NOR"], "focused": "CHN"}


@pytest.mark.parametrize("text, words", [
    ("not json {", "not JSON"),
    ('{"name": "a spreadsheet"}', "not a Country Privacy Explorer view"),
    (json.dumps({"format": FORMAT, "version": 99, "explorer": {}, "timeline": {}}), "newer version"),
    (json.dumps({"format": FORMAT, "version": 2, "explorer": [], "timeline": {}}), "'explorer'"),
    (json.dumps({"format": FORMAT, "version": 2, "explorer": {}, "timeline": {}, "tab": -1}), "'tab'"),
])
def test_a_foreign_or_broken_view_is_refused_with_its_problem_named(text, words):
    with pytest.raises(ViewFileError, match=words):
        from_text(text, "lesson.json")


def test_values_that_would_not_validate_refuse_the_whole_file():
    with pytest.raises(ViewFileError, match="lesson.json.*whole number"):
        check_into(ExplorerState, {"year": "soon"}, "lesson.json", "the year")

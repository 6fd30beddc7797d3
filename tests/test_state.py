from explorer.state import MAX_SELECTED, ExplorerState
import pytest


def test_colour_slots_stay_fixed_when_others_leave():
    s = ExplorerState()
    s.set_selected(["CHN", "DEU", "BRA"])
    slots = {c: s.colour_slot(c) for c in s.selected}
    s.remove("DEU")
    s.add("IND")
    assert s.colour_slot("CHN") == slots["CHN"] and s.colour_slot("BRA") == slots["BRA"]
    assert s.colour_slot("IND") == slots["DEU"]  # the freed slot is reused
    assert s.colour_slot("DEU") is None


def test_subscribers_hear_each_change_and_focus_follows_selection():
    s = ExplorerState()
    heard = []
    s.subscribe(heard.append)
    s.set_selected(["CHN"])
    assert heard == ["selected", "focused"] and s.focused == "CHN"
    s.set_year(2023)
    s.set_year(2023)  # no change, no notification
    assert heard[-1] == "year" and heard.count("year") == 1


def test_at_most_ten_countries():
    s = ExplorerState()
    with pytest.raises(ValueError):
        s.set_selected([f"C{i:02d}" for i in range(MAX_SELECTED + 1)])

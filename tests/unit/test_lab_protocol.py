"""The protocol every lab shares, kept once in `calls.call`: settings checked against the bridge's declaration and
echoed with notices, and a lab's run kept under its id. Shown on a small counting bridge made here, then on real labs."""

import sys
import types

import pytest

from knobs_lab.calls import call
from knobs_lab.lab_settings import Setting


@pytest.fixture
def counter(monkeypatch):
    """A bridge `counter_lab`: `start` makes a run (a count), `add` adds the chosen step to it, `peek` reads it."""
    bridge = types.ModuleType("knobs_lab.counter_lab")
    bridge.PAGE_CALLS = ("start", "add", "peek", "shout")
    bridge.SETTINGS = (
        Setting("step", "Step", "integer", 1, minimum=1, maximum=10),
        Setting("word", "Word", "text", "hi", maximum=5),
    )
    bridge.start = lambda settings: {"run": {"count": 0}, "started": True}
    bridge.peek = lambda run: {"count": run["count"]}

    def add(run, settings):
        run["count"] += settings["step"]
        return {"count": run["count"], "notices": ["added"]}

    bridge.add = add
    bridge.shout = lambda settings: {"said": settings["word"].upper()}
    monkeypatch.setitem(sys.modules, bridge.__name__, bridge)
    return bridge


def test_settings_arrive_checked_and_come_back_with_the_notices(counter):
    answer = call("counter_lab.shout", {"settings": {"word": "hello there"}})
    assert answer == {
        "settings": {"step": 1, "word": "hello"},
        "notices": ["Word: cut to 5 characters"],
        "said": "HELLO",
    }
    assert call("counter_lab.shout", {})["settings"] == {"step": 1, "word": "hi"}  # none sent: the defaults


def test_an_out_of_range_value_is_moved_into_range_and_said_before_the_bridges_own_notices(counter):
    call("counter_lab.start", {"lab": "a"})
    answer = call("counter_lab.add", {"lab": "a", "settings": {"step": 50}})
    assert answer["settings"]["step"] == 10 and answer["count"] == 10
    assert answer["notices"] == ["Step: 50 is outside 1–10; using 10", "added"]


def test_a_run_is_kept_under_its_lab_not_sent_to_the_page_and_replaced_by_a_new_start(counter):
    assert call("counter_lab.start", {"lab": "a", "settings": {}}) == {
        "settings": {"step": 1, "word": "hi"},
        "notices": [],
        "started": True,
    }
    call("counter_lab.start", {"lab": "b"})
    call("counter_lab.add", {"lab": "a", "settings": {"step": 3}})
    call("counter_lab.add", {"lab": "a", "settings": {"step": 4}})
    assert call("counter_lab.peek", {"lab": "a"}) == {"count": 7}
    assert call("counter_lab.peek", {"lab": "b"}) == {"count": 0}
    call("counter_lab.start", {"lab": "a"})
    assert call("counter_lab.peek", {"lab": "a"}) == {"count": 0}


def test_two_kinds_of_lab_with_the_same_id_keep_their_own_runs(counter):
    call("counter_lab.start", {"lab": "same"})
    call("dynamics_lab.start", {"lab": "same", "settings": {"steps": 10}})
    assert call("counter_lab.peek", {"lab": "same"}) == {"count": 0}
    assert call("dynamics_lab.advance", {"lab": "same", "steps": 3})["steps_done"] == 3


@pytest.mark.parametrize(
    "args, error, says",
    [
        ({"lab": "a", "settings": {"step": "big"}}, ValueError, "step: expected a number"),
        ({"lab": "a", "settings": {"colour": 1}}, ValueError, "settings: unknown"),
        ({"lab": "a", "settings": [3]}, TypeError, "settings: expected a dict"),
        ({"lab": 7, "settings": {}}, TypeError, "lab: expected the lab's id"),
        ({"lab": "", "settings": {}}, ValueError, "lab: expected the lab's id"),
        ({"lab": "nobody", "settings": {}}, ValueError, "lab: no run started for 'nobody'"),
        ({"settings": {}}, ValueError, "lab: counter_lab.add needs the id"),
    ],
)
def test_bad_input_is_refused_by_name_and_leaves_the_run_as_it_was(counter, args, error, says):
    call("counter_lab.start", {"lab": "a"})
    call("counter_lab.add", {"lab": "a", "settings": {"step": 2}})
    with pytest.raises(error, match=says):
        call("counter_lab.add", args)
    assert call("counter_lab.peek", {"lab": "a"}) == {"count": 2}


def test_a_run_started_without_a_lab_id_is_refused_and_not_kept(counter):
    with pytest.raises(ValueError, match="lab: counter_lab.start starts a run"):
        call("counter_lab.start", {})
    with pytest.raises(TypeError, match="args must be a dict"):
        call("counter_lab.start", ["lab"])
    with pytest.raises(ValueError, match="name: counter_lab has no page function 'secret'"):
        call("counter_lab.secret", {})


def test_a_real_lab_clamps_an_edited_link_and_says_so():
    answer = call("line_lab.setup", {"settings": {"weight": 900, "bias": -1e9}})
    assert answer["settings"] == {"weight": 400.0, "bias": -200_000.0}
    assert answer["notices"] == [
        "Weight w: 900 is outside -100–400; using 400",
        "Bias b: -1e+09 is outside -200000–300000; using -200000",
    ]
    assert answer["typical_error"] == call("line_lab.evaluate", {"settings": answer["settings"]})["typical_error"]


def test_no_bridge_keeps_runs_or_clamps_settings_itself():
    from knobs_lab import lab_settings

    for name, bridge in lab_settings.bridges().items():
        assert not hasattr(bridge, "RUNS"), name
        assert "clamp" not in vars(bridge), name

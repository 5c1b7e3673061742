"""Lab tasks: every lab has at least one, each is judged by Python from the lab's own answers, each can be reached
with the lab's controls, and none is met before the reader does anything."""

import pytest

from knobs_lab import calls, lab_settings

BRIDGES = lab_settings.bridges()


@pytest.mark.parametrize("name", sorted(BRIDGES))
def test_every_lab_has_a_task_with_a_well_formed_id(name):
    tasks = BRIDGES[name].TASKS
    assert tasks
    for task in tasks:
        assert task.id.replace("-", "").isalnum() and task.id == task.id.lower()
        assert task.text.strip()


def met(name, function, args):
    return calls.call(f"{name}_lab.{function}", args)["tasks"]


def test_line_task_is_met_once_the_typical_miss_is_under_25000():
    assert met("line", "evaluate", {"settings": {}}) == []
    assert met("line", "evaluate", {"settings": {"weight": 150, "bias": 40_000}}) == []
    assert met("line", "evaluate", {"settings": {"weight": 200, "bias": 40_000}}) == ["typical-miss"]


def test_dynamics_tasks_divergence_and_the_largest_rate_that_does_not_diverge():
    assert met("dynamics", "run", {"settings": {}}) == []  # 0.1 settles: too small
    assert met("dynamics", "run", {"settings": {"learning_rate": 0.2}}) == ["largest-rate"]
    assert met("dynamics", "run", {"settings": {"learning_rate": 0.5}}) == ["diverge"]


def test_generalisation_task_is_met_when_a_run_settles_as_a_good_fit():
    calls.call("generalisation_lab.configure", {"lab": "g", "settings": {}})  # degree 9: it overfits
    assert met("generalisation", "advance", {"lab": "g", "steps": 1000}) == []
    calls.call("generalisation_lab.configure", {"lab": "g", "settings": {"degree": 2}})  # too simple: it underfits
    assert met("generalisation", "advance", {"lab": "g", "steps": 1000}) == []
    calls.call("generalisation_lab.configure", {"lab": "g", "settings": {"degree": 3}})
    assert met("generalisation", "advance", {"lab": "g", "steps": 1000}) == ["good-fit"]


def test_network_task_needs_95_percent_with_at_most_four_hidden_neurons():
    calls.call("network_lab.configure", {"lab": "t", "settings": {"layers": [4]}})
    assert met("network", "advance", {"lab": "t", "steps": 1, "grid": False}) == []
    assert met("network", "advance", {"lab": "t", "steps": 400, "grid": False}) == ["small-network"]
    calls.call("network_lab.configure", {"lab": "t", "settings": {"layers": [8, 8]}})
    assert met("network", "advance", {"lab": "t", "steps": 400, "grid": False}) == []  # accurate, but too big


def test_language_task_is_met_once_training_beats_a_uniform_guess():
    assert met("language", "configure", {"lab": "t", "settings": {}}) == []
    assert met("language", "train", {"lab": "t"}) == ["beat-uniform"]


def test_finetune_task_needs_95_percent_on_the_new_world():
    calls.call("finetune_lab.configure", {"lab": "t", "settings": {}})
    while not calls.call("finetune_lab.pretrain", {"lab": "t", "steps": 50})["done"]:
        pass
    assert met("finetune", "finetune", {"lab": "t", "settings": {"method": "last_layer"}}) == []
    assert met("finetune", "finetune", {"lab": "t", "settings": {"method": "lora"}}) == ["new-world"]


def test_prompts_task_is_met_by_a_strategy_with_at_least_80_percent():
    assert met("prompts", "attention", {"settings": {}}) == []
    for strategy in ("bare", "instruction"):
        answer = calls.call("prompts_lab.score", {"settings": {}, "strategy": strategy})
        assert answer["tasks"] == (["good-strategy"] if answer["accuracy"] >= 0.8 else [])
    assert met("prompts", "score", {"settings": {}, "strategy": "retrieved"}) == ["good-strategy"]


def test_retrieval_task_needs_a_wrong_bare_answer_made_right_by_retrieving():
    from knobs import tasks

    assert met("retrieval", "ask", {"settings": {}}) == []  # k = 0: nothing retrieved
    reached = []
    for name in tasks.NAMES[:8]:
        answer = calls.call("retrieval_lab.ask", {"settings": {"person": name, "k": 1}})
        assert answer["tasks"] == (["retrieve-right"] if answer["right"] and not answer["bare_right"] else [])
        reached += answer["tasks"]
    assert reached


def test_assistant_task_is_met_once_fine_tuning_answers_three_of_four():
    assert met("assistant", "configure", {"lab": "t", "settings": {}}) == []
    answer = calls.call("assistant_lab.train", {"lab": "t", "steps": 30})
    assert answer["tasks"] == (["assistant"] if answer["right_after"] >= 3 else [])
    assert answer["tasks"] == ["assistant"]

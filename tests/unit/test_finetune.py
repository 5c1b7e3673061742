"""Fine-tuning: frozen layers stay put, LoRA counts and gradients, the lesson's experiment."""

import numpy as np
import pytest
from gradient_check import assert_gradients_close, numerical_gradients

from knobs import data
from knobs.finetune import LoRA, fine_tune, fine_tuning_experiment, frozen_names
from knobs.models import Model
from knobs.nn import MLP


@pytest.fixture(scope="module")
def pretrained():
    points, labels = data.moons(100, seed=0)
    model = MLP([2, 8, 8, 1], seed=0)
    fine_tune(model, (points, labels), steps=60, learning_rate=0.05)
    return model


def test_lora_counts_trainable_and_frozen_knobs(pretrained):
    adapter = LoRA(pretrained, rank=2)
    # rank r adds r × (n_out + n_in) per layer: 2×(8+2) + 2×(8+8) + 2×(1+8)
    assert adapter.count_trainable() == 2 * (8 + 2) + 2 * (8 + 8) + 2 * (1 + 8) == 70
    assert adapter.count_frozen() == 105
    only_middle = LoRA(pretrained, rank=1, layers=[2])
    assert only_middle.count_trainable() == 16
    assert list(only_middle.parameters()) == ["layer2.A", "layer2.B"]


def test_lora_starts_exactly_as_the_original_model(pretrained):
    points, _ = data.moons(20, seed=5)
    assert LoRA(pretrained, rank=3).predict(points) == pretrained.predict(points)


def test_merged_weights_are_w_plus_a_times_b(pretrained):
    adapter = LoRA(pretrained, rank=2, layers=[2], seed=1)
    parameters = adapter.parameters()
    parameters["layer2.A"] = np.random.default_rng(0).normal(size=(8, 2)).tolist()
    adapter.set_parameters(parameters)
    expected = np.array(pretrained.parameters()["layer2.weights"]) + np.array(parameters["layer2.A"]) @ np.array(
        parameters["layer2.B"]
    )
    np.testing.assert_allclose(adapter.merged().parameters()["layer2.weights"], expected)


def test_lora_gradients_match_finite_differences(pretrained):
    adapter = LoRA(pretrained, rank=2, seed=3)
    parameters = adapter.parameters()
    rng = np.random.default_rng(1)
    for name in parameters:
        parameters[name] = rng.normal(scale=0.3, size=np.shape(parameters[name])).tolist()
    adapter.set_parameters(parameters)
    points, labels = data.moons(12, seed=2)
    assert_gradients_close(
        adapter.gradients(points, labels), numerical_gradients(adapter, points, labels), rtol=1e-4, atol=1e-7
    )


def test_lora_training_leaves_the_base_model_untouched(pretrained):
    before = pretrained.parameters()
    points, labels = data.moons(40, seed=3)
    adapter = LoRA(pretrained, rank=1)
    fine_tune(adapter, (data.transform(points, degrees=30), labels), steps=20)
    assert pretrained.parameters() == before
    assert adapter.parameters()["layer1.A"] != [[0.0]] * 8


def test_lora_saves_and_loads(pretrained, tmp_path):
    adapter = LoRA(pretrained, rank=1, layers=[1, 3])
    loaded = Model.load(adapter.save(tmp_path / "lora.json"))
    assert isinstance(loaded, LoRA)
    assert loaded.parameters() == adapter.parameters()
    assert loaded.base.parameters() == pretrained.parameters()


def test_frozen_names_expand_prefixes(pretrained):
    assert frozen_names(pretrained, ["layer1"]) == ["layer1.weights", "layer1.bias"]


def test_fine_tune_with_frozen_layers_changes_only_the_rest(pretrained):
    model = Model.from_dict(pretrained.to_dict())
    points, labels = data.moons(30, seed=9)
    fine_tune(model, (points, labels), steps=10, frozen=("layer1", "layer2"))
    for name in ("layer1.weights", "layer1.bias", "layer2.weights", "layer2.bias"):
        assert model.parameters()[name] == pretrained.parameters()[name]
    assert model.parameters()["layer3.weights"] != pretrained.parameters()["layer3.weights"]


def test_lora_rejects_bad_arguments(pretrained):
    with pytest.raises(ValueError, match="rank"):
        LoRA(pretrained, rank=0)
    with pytest.raises(ValueError, match="layers"):
        LoRA(pretrained, layers=[4])
    with pytest.raises(TypeError, match="base"):
        LoRA("model")


def test_experiment_shows_pretraining_plus_adapter_beats_the_unadapted_model():
    report = fine_tuning_experiment(seed=0, pretrain_steps=120, fine_tune_steps=60)
    assert report["pretrained_accuracy_old_world"] > 0.9
    assert report["total_parameters"] == 337
    assert report["lora"]["trainable"] < report["full"]["trainable"]
    assert report["lora"]["frozen"] == 337
    assert report["last_layer"] == {**report["last_layer"], "trainable": 17, "frozen": 320}
    for name in ("full", "last_layer", "lora"):
        assert report[name]["accuracy_new_world"] > report["pretrained_accuracy_new_world"]

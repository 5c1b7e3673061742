"""Lab "finetune": trainable and frozen counts for each way, and fine-tuning helping in the shifted world."""

import pytest

from knobs_lab import finetune_lab as lab

LAYER_SIZES = lab.LAYERS
TOTAL = sum((n_in + 1) * n_out for n_in, n_out in zip(LAYER_SIZES, LAYER_SIZES[1:]))


@pytest.fixture(scope="module")
def pretrained():
    lab.configure("ft", {})
    while not (answer := lab.pretrain("ft", steps=25))["done"]:
        pass
    return answer


def test_pretraining_learns_the_old_world(pretrained):
    assert pretrained["steps_done"] == lab.PRETRAIN_STEPS
    assert pretrained["accuracy_old_world"] > 0.95


@pytest.mark.parametrize(
    "method, rank, trainable",
    [
        ("full", 1, TOTAL),
        ("last_layer", 1, LAYER_SIZES[2] + 1),  # layer 3: 8 weights + 1 bias
        ("lora", 2, 2 * sum(n_in + n_out for n_in, n_out in zip(LAYER_SIZES, LAYER_SIZES[1:]))),
    ],
)
def test_counts_and_accuracy_for_each_way(pretrained, method, rank, trainable):
    answer = lab.finetune("ft", {"method": method, "rank": rank})
    assert answer["trainable"] == trainable
    assert answer["frozen"] == (TOTAL if method == "lora" else TOTAL - trainable)
    assert answer["accuracy_after"] > answer["accuracy_before"]


def test_the_pretrained_model_is_left_as_it_was(pretrained):
    first = lab.finetune("ft", {"method": "full"})
    again = lab.finetune("ft", {"method": "full"})
    assert first["accuracy_before"] == again["accuracy_before"]
    assert first["accuracy_after"] == again["accuracy_after"]

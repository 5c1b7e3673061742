"""Lab "finetune": trainable and frozen counts for each way, and fine-tuning helping in the shifted world."""

import lab_page
import pytest

from knobs_lab import finetune_lab as lab

page = lab_page.page(lab)  # the bridge as its page calls it

LAYER_SIZES = lab.LAYERS
TOTAL = sum((n_in + 1) * n_out for n_in, n_out in zip(LAYER_SIZES, LAYER_SIZES[1:]))


@pytest.fixture(scope="module")
def pretrained():
    page("configure", lab="ft", settings={})
    while not (answer := page("pretrain", lab="ft", steps=25))["done"]:
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
    answer = page("finetune", lab="ft", settings={"method": method, "rank": rank})
    assert answer["trainable"] == trainable
    assert answer["frozen"] == (TOTAL if method == "lora" else TOTAL - trainable)
    assert answer["accuracy_after"] > answer["accuracy_before"]


def test_the_pretrained_model_is_left_as_it_was(pretrained):
    first = page("finetune", lab="ft", settings={"method": "full"})
    again = page("finetune", lab="ft", settings={"method": "full"})
    assert first["accuracy_before"] == again["accuracy_before"]
    assert first["accuracy_after"] == again["accuracy_after"]

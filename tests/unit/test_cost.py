"""Cost rules of thumb: checked against numbers worked out by hand."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from knobs.cost import (
    BYTES_PER_PARAMETER,
    compare,
    compute_bound_tokens_per_second,
    count_mlp_parameters,
    count_transformer_parameters,
    flops_per_token,
    format_bytes,
    format_count,
    format_flops,
    memory_bound_tokens_per_second,
    parameter_memory,
    training_flops,
)


@pytest.mark.parametrize(
    "precision, expected",
    [
        ("fp32", 28e9),
        ("fp16", 14e9),
        ("bf16", 14e9),
        ("int8", 7e9),
        ("int4", 3.5e9),
    ],
)
def test_memory_of_a_7b_model_at_each_precision(precision, expected):
    assert parameter_memory(7e9, precision) == expected


def test_memory_defaults_to_fp32():
    assert parameter_memory(135e6) == 540e6


def test_forward_pass_costs_two_operations_per_knob():
    assert flops_per_token(7e9) == 14e9
    assert flops_per_token(0) == 0


def test_training_costs_six_operations_per_knob_per_token():
    assert training_flops(70e9, 2e12) == 6 * 70e9 * 2e12 == 8.4e23


def test_memory_bound_speed_is_bandwidth_over_memory():
    assert math.isclose(memory_bound_tokens_per_second(7e9, "fp16", 100e9), 100e9 / 14e9)
    assert math.isclose(memory_bound_tokens_per_second(70e9, "int4", 3e12), 3e12 / 35e9)


def test_compute_bound_speed_is_operations_over_two_n():
    assert math.isclose(compute_bound_tokens_per_second(7e9, 1e12), 1e12 / 14e9)


def test_mlp_parameter_count_matches_weights_and_biases():
    assert count_mlp_parameters([2, 8, 8, 1]) == (2 * 8 + 8) + (8 * 8 + 8) + (8 * 1 + 1) == 105
    assert count_mlp_parameters((1, 1)) == 2


@given(st.lists(st.integers(1, 50), min_size=2, max_size=6))
def test_mlp_parameter_count_matches_numpy_arrays_of_that_shape(sizes):
    arrays = [np.zeros((a, b)) for a, b in zip(sizes, sizes[1:])] + [np.zeros(b) for b in sizes[1:]]
    assert count_mlp_parameters(sizes) == sum(array.size for array in arrays)


@given(st.integers(0, 10**13), st.sampled_from(sorted(BYTES_PER_PARAMETER)))
def test_memory_scales_with_the_number_of_knobs(n, precision):  # a parameter count is a whole number
    assert math.isclose(parameter_memory(2 * n, precision), 2 * parameter_memory(n, precision))
    assert parameter_memory(n, precision) <= parameter_memory(n, "fp32")


def test_compare_gives_one_row_per_size_for_the_lesson_table():
    rows = compare(bandwidth_bytes_per_s=100e9)
    assert [row["name"] for row in rows] == ["135M", "7B", "70B"]
    seven = rows[1]
    assert seven["memory_fp32"] == 28e9 and seven["memory_fp16"] == 14e9
    assert seven["memory_int8"] == 7e9 and seven["memory_int4"] == 3.5e9
    assert seven["flops_per_token"] == 14e9
    assert math.isclose(seven["tokens_per_second_int4"], 100e9 / 3.5e9)
    assert all(isinstance(value, (int, float, str)) for row in rows for value in row.values())


def test_compare_without_bandwidth_leaves_speed_out():
    (row,) = compare(sizes=[1e9], precisions=["bf16"])
    assert row == {"parameters": 1e9, "name": "1B", "memory_bf16": 2e9, "flops_per_token": 2e9}


@pytest.mark.parametrize(
    "value, expected",
    [
        (28e9, "28 GB"),
        (14e9, "14 GB"),
        (3.5e9, "3.5 GB"),
        (540e6, "540 MB"),
        (999, "999 B"),
        (999.7, "1 KB"),
        (1500, "1.5 KB"),
        (0, "0 B"),
    ],
)
def test_bytes_read_like_the_lesson(value, expected):
    assert format_bytes(value) == expected


def test_flops_and_counts_read_like_the_lesson():
    assert format_flops(14e9) == "14 GFLOP"
    assert format_flops(8.4e23) == "840 ZFLOP"
    assert [format_count(n) for n in (135e6, 7e9, 70e9, 1.2e12, 999.9e6)] == ["135M", "7B", "70B", "1.2T", "1B"]


@pytest.mark.parametrize(
    "call, error, name",
    [
        (lambda: parameter_memory(7e9, "fp8"), ValueError, "precision"),
        (lambda: parameter_memory(-1), ValueError, "n_parameters"),
        (lambda: parameter_memory("7B"), TypeError, "n_parameters"),
        (lambda: flops_per_token(float("nan")), ValueError, "n_parameters"),
        (lambda: training_flops(7e9, -5), ValueError, "n_tokens"),
        (lambda: memory_bound_tokens_per_second(7e9, "fp16", 0), ValueError, "bandwidth_bytes_per_s"),
        (lambda: compute_bound_tokens_per_second(7e9, -1), ValueError, "flops_per_second"),
        (lambda: count_mlp_parameters([2]), ValueError, "layer_sizes"),
        (lambda: count_mlp_parameters([2, 0, 1]), ValueError, r"layer_sizes\[1\]"),
        (lambda: count_mlp_parameters([2, 1.5]), TypeError, r"layer_sizes\[1\]"),
        (lambda: count_mlp_parameters("2,8,1"), TypeError, "layer_sizes"),
        (lambda: compare(sizes=[]), ValueError, "sizes"),
        (lambda: compare(sizes=[-3]), ValueError, "sizes"),
        (lambda: compare(precisions=["fp64"]), ValueError, "precision"),
        (lambda: format_bytes(-1), ValueError, "n_bytes"),
    ],
)
def test_invalid_inputs_raise_errors_that_name_the_argument(call, error, name):
    with pytest.raises(error, match=name):
        call()


def test_transformer_count_is_the_course_transformers_own_count():
    from knobs.prompting import pretrained

    model = pretrained()  # its knobs are counted one by one from its tables
    counted = count_transformer_parameters(
        model.tokenizer.size,
        model.width,
        model.layers,
        model.hidden,
        model.heads,
        positions=model.context,
        mlp_biases=True,
        norm="layer",
    )
    assert counted == model.count_parameters()


@given(
    st.integers(1, 40),
    st.integers(1, 4),
    st.integers(1, 3),
    st.integers(1, 12),
    st.integers(0, 9),
    st.booleans(),
    st.booleans(),
    st.booleans(),
    st.sampled_from(["layer", "rms"]),
)
def test_transformer_count_matches_numpy_arrays_of_those_shapes(
    vocabulary, kv_heads, group, size, positions, tied, gated, mlp_biases, norm
):
    heads = kv_heads * group
    width, hidden, layers = heads * size, 3 * size + 1, 2
    key = kv_heads * size
    block = [
        np.zeros((width, width)),
        np.zeros((key, width)),
        np.zeros((key, width)),
        np.zeros((width, width)),
        *[np.zeros((hidden, width)) for _ in range(2 if gated else 1)],
        np.zeros((width, hidden)),
    ]
    if mlp_biases:
        block += [np.zeros(hidden), np.zeros(width)]
    block += [np.zeros(width)] * (4 if norm == "layer" else 2)
    arrays = [np.zeros((vocabulary, width)), np.zeros((positions, width))] + block * layers
    arrays += [np.zeros(width)] * (2 if norm == "layer" else 1) + ([] if tied else [np.zeros((vocabulary, width))])
    expected = sum(array.size for array in arrays)
    assert (
        count_transformer_parameters(
            vocabulary, width, layers, hidden, heads, kv_heads, positions, tied, gated, mlp_biases, norm
        )
        == expected
    )


def test_smollm2_135m_from_its_published_configuration_has_134_5_million_knobs():
    # https://huggingface.co/HuggingFaceTB/SmolLM2-135M/blob/main/config.json
    n = count_transformer_parameters(
        vocabulary=49152, width=576, layers=30, hidden=1536, heads=9, kv_heads=3, tied=True, gated=True, norm="rms"
    )
    assert n == 134_515_008
    assert round(n / 1e6, 1) == 134.5 and format_count(n) == "135M"  # the model card's "135M"


def test_untied_output_layer_adds_vocabulary_times_width():
    tied = count_transformer_parameters(100, 8, 1, 16, 2)
    assert count_transformer_parameters(100, 8, 1, 16, 2, tied=False) - tied == 100 * 8


def test_transformer_count_refuses_heads_that_do_not_divide():
    with pytest.raises(ValueError, match="heads"):
        count_transformer_parameters(10, 10, 1, 4, heads=3)
    with pytest.raises(ValueError, match="kv_heads"):
        count_transformer_parameters(10, 12, 1, 4, heads=4, kv_heads=3)

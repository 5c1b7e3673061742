"""Predict, then see: how a reader's guess of a cell's output is judged."""

import pytest

from knobs_lab.guess import judge
from knobs_lab.words import use


def test_a_number_within_five_percent_is_right_and_otherwise_high_or_low():
    assert judge("250,000", "[250000.0]", value=250000)["right"]
    assert judge("240000", "[250000.0]", value=240000)["right"]
    assert judge("200000", "[250000.0]", value=200000) == {
        "right": False,
        "text": "Your guess 200000 is too low: the output says [250000.0].",
    }
    assert "too high" in judge("7", "Loss: 6.25", value=7)["text"]


def test_the_number_is_the_one_the_page_read_in_its_convention():
    """On a Portuguese page "2,5" is 2.5 (web/src/numbers.js reads it): Python compares the number it is given."""
    assert judge("2,5", "Loss: 2.5", value=2.5)["right"]
    assert judge("2,5", "Loss: 25.0", value=2.5)["text"] == "Your guess 2,5 is too low: the output says Loss: 25.0."
    assert not judge("2,5", "Loss: 2.5")["right"]  # no number read: compared as text


@pytest.mark.parametrize("value", ["2.5", True, float("nan"), [2.5]])
def test_a_value_that_is_not_a_finite_number_is_refused_by_name(value):
    with pytest.raises(TypeError, match="^value: expected a finite number or None"):
        judge("2.5", "2.5", value=value)


def test_text_is_compared_ignoring_spacing_and_an_empty_guess_is_explained():
    assert judge(" hello   world ", "hello world")["right"]
    assert not judge("[1, 2]", "[1, 2, 3]")["right"]
    assert "No guess" in judge("  ", "3")["text"]
    with pytest.raises(TypeError, match="guess"):
        judge(None, "3")


def test_a_one_number_guess_of_an_output_with_several_numbers_is_compared_with_the_last_one():
    output = "step   0: training 0.521, validation 0.500\nlowest validation loss 0.309 at step 24"
    assert judge("24", output, value=24) == {
        "right": True,
        "text": "Your guess 24 is right (the last number it prints is 24).",
    }
    assert judge("step 60", output, value=60) == {
        "right": False,
        "text": "Your guess step 60 is too high: the last number it prints is 24.",
    }


def test_the_verdict_is_said_in_the_language_of_the_words_the_page_hands_over():
    words = {
        "Your guess {guess} is too low: {says}.": "Tu apuesta {guess} es demasiado baja: {says}.",
        "the output says {expected}": "la salida dice {expected}",
    }
    use(words)
    try:
        assert judge("100", "[250000.0]", value=100)["text"] == (
            "Tu apuesta 100 es demasiado baja: la salida dice [250000.0]."
        )
    finally:
        use({})  # back to English for the other tests
    assert judge("100", "[250000.0]", value=100)["text"].startswith("Your guess 100 is too low")

"""Predict, then see: a reader guesses what a cell will print before running it, and this says how close it was.

The guess is compared where both are numbers: the one number of the reader's guess (read by the page, in the page's
convention: "2,5" is 2.5 on a Portuguese page; web/src/numbers.js) with the output's only number (e.g. `[250000.0]`
or `Loss: 6.25`) or, when it prints several, with the last one (what the cell ends with: "lowest validation loss
0.309 at step 24" → 24), within `CLOSE` (relative); otherwise as text, ignoring spaces at the ends. Either way the
reader then sees the real output: the point is to have committed to a guess first.
"""

import math
import re

from knobs_lab.words import say

PAGE_CALLS = ("judge",)
CLOSE = 0.05  # a numeric guess within 5 % counts as right
NUMBER = re.compile(r"-?\d[\d,_]*(?:\.\d+)?(?:[eE][-+]?\d+)?|-?\.\d+")


def numbers_in(text):
    """Every number Python wrote in `text` (an output: 1,500 and 1_500 are 1500), as floats."""
    return [float(found.replace(",", "").replace("_", "")) for found in NUMBER.findall(text)]


def judge(guess, expected, value=None):
    """{"right": bool, "text": what to tell the reader} for the reader's `guess` of the `expected` output, in the
    page's language (see knobs_lab.words).

    `value` is the one number the guess holds, as the page read it (None: the guess is not one number).
    """
    if not isinstance(guess, str) or not isinstance(expected, str):
        raise TypeError("guess and expected must be text")
    if value is not None and (
        isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value)
    ):
        raise TypeError(f"value: expected a finite number or None, got {value!r}")
    guess, expected = guess.strip(), expected.strip()
    if not guess:
        return {"right": False, "text": say("No guess: type what you expect it to print, then run it.")}
    wanted = numbers_in(expected)
    if wanted and value is not None:
        target = wanted[-1]
        if len(wanted) == 1:
            says = say("the output says {expected}", expected=expected)
        else:
            says = say("the last number it prints is {target}", target=f"{target:g}")
        if math.isclose(value, target, rel_tol=CLOSE, abs_tol=1e-9):
            return {"right": True, "text": say("Your guess {guess} is right ({says}).", guess=guess, says=says)}
        if value > target:
            return {"right": False, "text": say("Your guess {guess} is too high: {says}.", guess=guess, says=says)}
        return {"right": False, "text": say("Your guess {guess} is too low: {says}.", guess=guess, says=says)}
    if " ".join(guess.split()) == " ".join(expected.split()):
        return {"right": True, "text": say("Your guess is exactly the output.")}
    text = say("Compare your guess with the output below: what did you expect differently?")
    return {"right": False, "text": text}

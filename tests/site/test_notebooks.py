"""The companion notebooks: stored without outputs, and each runs from top to bottom and gets the right answers.

Each notebook is executed with nbclient in a fresh kernel ("python3": ipykernel's own kernel spec, which runs this
interpreter, so a fresh CI machine needs no registered kernel). A probe cell appended to the run prints the
notebook's results as JSON; the test then checks them against numpy, computed here on the notebook's own data.
"""

import json
import math

import nbformat
import numpy as np
import pytest
from nbclient import NotebookClient

from conftest import ROOT

NOTEBOOKS = ROOT / "docs" / "notebooks"
SECONDS_PER_CELL = 120  # nbclient stops a cell that hangs (a guard against hangs, not a speed test)
PROBE_MARK = "KNOBS-PROBE "


def notebook_paths():
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def run_with_probe(path, probe):
    """Execute the notebook, then `probe` (code whose last line is a dict expression); return that dict."""
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(
        nbformat.v4.new_code_cell(f"import json as _json\nprint({PROBE_MARK!r} + _json.dumps({probe}))")
    )
    client = NotebookClient(
        notebook, kernel_name="python3", timeout=SECONDS_PER_CELL, resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    client.execute()
    for cell in notebook.cells[:-1]:
        for output in cell.get("outputs", []):
            assert output.get("name") != "stderr", f"{path.name} wrote to stderr: {output['text'][:500]}"
    printed = "".join(output.get("text", "") for output in notebook.cells[-1].outputs)
    return json.loads(printed.split(PROBE_MARK, 1)[1])


def test_there_is_a_notebook_for_each_core_lesson():
    names = [path.stem for path in notebook_paths()]
    for topic in ["line-by-gradient-descent", "generalisation", "neural-network", "bigram-language-model"]:
        assert any(topic in name for name in names), (topic, names)


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda path: path.stem)
def test_notebook_is_stored_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    for number, cell in enumerate(notebook.cells, start=1):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name} cell {number} has stored outputs: strip them"
            assert cell.execution_count is None, f"{path.name} cell {number} has an execution count"


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda path: path.stem)
def test_notebook_says_how_to_run_it_locally(path):
    intro = "".join(cell.source for cell in nbformat.read(path, as_version=4).cells[:3] if cell.cell_type == "markdown")
    assert "pip install -e ." in intro and "numpy" in intro and "make test" in intro, path.name


def test_line_notebook_reaches_least_squares_and_matches_its_numpy_loop():
    result = run_with_probe(
        NOTEBOOKS / "01-line-by-gradient-descent.ipynb",
        """{
        "sizes": sizes, "prices": prices, "weight": model.weight, "bias": model.bias,
        "numpy_weight": float(numpy_weight), "loss_gap": float(loss_gap)}""",
    )
    best_weight, best_bias = np.polyfit(result["sizes"], result["prices"], 1)
    assert result["weight"] == pytest.approx(best_weight, rel=0.01)
    assert result["bias"] == pytest.approx(best_bias, rel=0.01)
    assert result["numpy_weight"] == pytest.approx(result["weight"], rel=1e-9)
    assert result["loss_gap"] < 1e-6


def test_generalisation_notebook_shows_overfitting_and_its_cures():
    result = run_with_probe(
        NOTEBOOKS / "02-generalisation.ipynb",
        """{
        "train": train, "validation": validation, "best_degree": best_degree,
        "cubic": cubic.parameters()["coefficients"],
        "run_errors": {name: (run.history["validation_loss"][-1] if run else None) for name, run in runs.items()}}""",
    )
    train_x, train_y = (np.array(part) for part in result["train"])
    validation_x, validation_y = (np.array(part) for part in result["validation"])

    def errors(degree):
        coefficients = np.polynomial.polynomial.polyfit(train_x, train_y, degree)
        predict = np.polynomial.polynomial.polyval
        return (
            np.mean((predict(train_x, coefficients) - train_y) ** 2),
            np.mean((predict(validation_x, coefficients) - validation_y) ** 2),
        )

    scores = {degree: errors(degree) for degree in range(16)}
    assert result["best_degree"] == min(scores, key=lambda degree: scores[degree][1])
    assert 2 <= result["best_degree"] <= 8
    assert scores[15][0] < scores[1][0]  # more knobs: lower training error ...
    assert scores[15][1] > 10 * scores[result["best_degree"]][1]  # ... and far worse validation error
    exact_cubic = np.polynomial.polynomial.polyfit(train_x, train_y, 3)
    assert np.allclose(result["cubic"], exact_cubic, atol=1e-3)  # gradient descent finds the least-squares knobs
    stopped, penalised = (
        result["run_errors"][name] for name in ["gradient descent, 3,000 steps", "gradient descent + L2 0.001"]
    )
    assert penalised < stopped < scores[12][1]
    assert penalised < 0.6 * stopped  # "L2 by far the most"


def test_network_notebook_beats_the_straight_line_and_matches_numpy():
    result = run_with_probe(
        NOTEBOOKS / "03-neural-network.ipynb",
        """{
        "linear": linear_accuracy, "network": network_accuracy, "knobs": network.count_parameters(),
        "gap": float(np.max(np.abs(numpy_probabilities - course_probabilities)))}""",
    )
    assert result["linear"] < 0.7
    assert result["network"] >= 0.95
    assert result["knobs"] == (2 * 8 + 8) + (8 * 8 + 8) + (8 + 1)
    assert result["gap"] < 1e-9


def test_bigram_notebook_counts_like_numpy_and_beats_uniform_guessing():
    result = run_with_probe(
        NOTEBOOKS / "04-bigram-language-model.ipynb",
        """{
        "text": text, "counts": model.counts_, "vocabulary": tokenizer.vocabulary,
        "count_loss": count_loss, "numpy_loss": float(numpy_loss), "trained_loss": trained_loss}""",
    )
    vocabulary = result["vocabulary"]
    ids = [vocabulary.index(character) for character in result["text"]]
    counts = np.zeros((len(vocabulary), len(vocabulary)))
    for previous, following in zip([vocabulary.index("\n")] + ids[:-1], ids):  # the first window is a newline
        counts[previous, following] += 1
    assert np.array_equal(counts, np.array(result["counts"]))
    assert result["numpy_loss"] == pytest.approx(result["count_loss"], rel=1e-9)
    assert result["count_loss"] < math.log(len(vocabulary)) - 1.0  # much better than uniform guessing
    assert result["count_loss"] < result["trained_loss"] < result["count_loss"] + 0.2

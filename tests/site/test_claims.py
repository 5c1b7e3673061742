"""Numbers the course states outside a code cell — in a quiz's explanation, in a docstring a reader can open with
help() in the page — are the numbers the course's own code computes."""

import functools
import re
import xml.etree.ElementTree as ET

import yaml
from lesson_pages import LESSONS, read_lesson


def quiz_question(lesson_name, prompt_start):
    lesson = read_lesson(LESSONS / lesson_name)
    for block in lesson.blocks("quiz"):
        for question in yaml.safe_load(block.body)["questions"]:
            if question["prompt"].startswith(prompt_start):
                return question
    raise AssertionError(f"{lesson_name}: no question starting {prompt_start!r}")


def test_short_training_quiz_explains_extrapolation_with_the_numbers_it_computes():
    from knobs import metrics

    question = quiz_question("04-generalisation.md", "Fit a degree-3 polynomial to the same 12 points")
    scope = {}
    exec(question["code"], scope)  # the reader's code: trains the cubic for 100 steps
    model, x, y, val_x, val_y = (scope[name] for name in ("model", "x", "y", "val_x", "val_y"))
    inside = [(v, t) for v, t in zip(val_x, val_y) if min(x) <= v <= max(x)]
    outside = [(v, t) for v, t in zip(val_x, val_y) if not min(x) <= v <= max(x)]
    validation = model.loss(val_x, val_y)
    training = model.loss(x, y)
    loss_inside, loss_outside = model.loss(*zip(*inside)), model.loss(*zip(*outside))
    baseline = metrics.mean_squared_error([metrics.baseline_regression(y)] * len(val_y), val_y)

    explain = question["explain"]
    for number in (validation, baseline, training, loss_inside, loss_outside):
        assert f"{number:.3f}" in explain, f"{number:.3f} is missing from the explanation"
    assert f"{len(inside)} validation points inside" in explain and f"{len(outside)} points beyond" in explain
    # The diagnosis is the one the numbers support, and the one the lesson's own match block would give: a low
    # training loss is not underfitting; the loss comes from the points outside the training range.
    assert training < 0.1 and loss_inside < 0.1 and loss_outside > 10 * loss_inside and validation > baseline
    assert "not underfitting" in explain and "extrapolation" in explain


TICKET_STEPS, TICKET_LEARNING_RATE = 300, 0.5  # lesson 5's settings


@functools.cache
def ticket_accuracies():
    """Lesson 5's shortcut experiment, run natively: the accuracies its cells print, and the style's agreement."""
    from knobs import data, metrics
    from knobs.models import LogisticRegression
    from knobs.train import fit

    x, y = data.urgent_tickets(n=400, seed=0)
    val_x, val_y = data.urgent_tickets(n=400, seed=1)
    prod_x, prod_y = data.urgent_tickets(n=400, seed=2, leaky=False)
    model = fit(LogisticRegression(4), (x, y), steps=TICKET_STEPS, learning_rate=TICKET_LEARNING_RATE)
    honest = lambda rows: [row[:3] for row in rows]  # noqa: E731 - the lesson's own one-liner
    plain = fit(LogisticRegression(3), (honest(x), y), steps=TICKET_STEPS, learning_rate=TICKET_LEARNING_RATE)
    majority = metrics.baseline_classification(prod_y)
    return {
        "validation": metrics.accuracy(model.classify(val_x), val_y),
        "production": metrics.accuracy(model.classify(prod_x), prod_y),
        "baseline": metrics.accuracy([majority] * len(prod_y), prod_y),
        "honest validation": metrics.accuracy(plain.classify(honest(val_x)), val_y),
        "honest production": metrics.accuracy(plain.classify(honest(prod_x)), prod_y),
        "style matches": sum(row[3] == label for row, label in zip(x + val_x, y + val_y)) / len(y + val_y),
    }


def test_ticket_docstring_states_what_the_lesson_recipe_computes():
    from knobs import data

    doc = " ".join(data.urgent_tickets.__doc__.split())
    for call in (
        "urgent_tickets(400, seed=0)",
        "urgent_tickets(400, seed=1)",
        "urgent_tickets(400, seed=2, leaky=False)",
        f"{TICKET_STEPS} steps, learning rate {TICKET_LEARNING_RATE}",
    ):
        assert call in doc, f"the recipe names {call}"
    stated = dict(ticket_accuracies())
    percentages = re.findall(r"\d+(?:\.\d)?%", doc)
    style_matches = stated.pop("style matches")
    assert abs(style_matches - 0.97) < 0.02 and "97%" in percentages
    for name, value in stated.items():
        assert f"{value:.1%}" in percentages, f"{name} accuracy {value:.1%} is not in the docstring {percentages}"


FIGURES = LESSONS.parent / "assets" / "figures"
SVG = "{http://www.w3.org/2000/svg}"


def test_shortcut_figure_draws_lesson_5s_accuracies():
    accuracies = [ticket_accuracies()[name] for name in ("validation", "production", "baseline")]
    svg = ET.parse(FIGURES / "shortcut-accuracy.svg").getroot()
    bars = [float(rect.get("width")) for rect in svg.iter(f"{SVG}rect")]
    labels = [text.text for text in svg.iter(f"{SVG}text") if text.text and text.text.endswith("%")]
    assert labels == [f"{value:.1%}" for value in accuracies]
    assert bars == [round(400 * value) for value in accuracies], "bar length: 400 px is 100%"
    summary = " ".join(read_lesson(LESSONS / "05-when-training-works-but-the-system-fails.md").text.split())
    assert all(label in summary.split("## ", 2)[1] for label in labels), "the five-minute version states them too"


def test_next_token_figure_draws_the_bigrams_chances():
    from knobs.language import Bigram

    chances = Bigram(smoothing=0.1).fit().next_token_probabilities("in th")
    svg = ET.parse(FIGURES / "next-token.svg").getroot()
    group = next(g for g in svg.iter(f"{SVG}g") if g.get("data-scale"))
    scale = float(group.get("data-scale"))
    drawn = [(rect.get("data-next"), float(rect.get("height"))) for rect in group.iter(f"{SVG}rect")]
    likeliest = sorted(chances, key=chances.get, reverse=True)[: len(drawn)]
    assert [token for token, _height in drawn] == likeliest
    assert [height for _token, height in drawn] == [round(scale * chances[token]) for token in likeliest]
    assert f"about {round(100 * chances[likeliest[0]])} in 100" in svg.get("aria-label")


def test_attention_figure_is_what_the_script_draws_from_the_shipped_weights():
    import sys

    sys.path.insert(0, str(LESSONS.parents[1] / "tools"))
    import draw_attention

    model = draw_attention.pretrained()
    for lang in ("en", *draw_attention.TRANSLATED):  # its title and description in every language
        assert draw_attention.figure(lang).read_text(encoding="utf-8") == draw_attention.render(model, lang), lang
        if lang != "en":
            lesson = (LESSONS / f"07-from-numbers-to-language.{lang}.md").read_text(encoding="utf-8")
            assert f'--8<-- "docs/assets/figures/attention.{lang}.svg"' in lesson
            assert "Where block" not in draw_attention.figure(lang).read_text(encoding="utf-8")
    attention = model.attention_weights(draw_attention.PROMPT)
    city = attention["tokens"].index(draw_attention.CITY)
    block, head = draw_attention.strongest_head(attention, city)
    last = attention["weights"][block][head][-1]
    assert last[city] > 0.5, "the caption says the last row puts almost all its weight on the city"
    assert model.answer(draw_attention.PROMPT) == draw_attention.CITY


def test_lesson_9_says_of_the_strategies_and_retrieval_what_the_pretrained_model_measures():
    from knobs import prompting, tasks

    model = prompting.pretrained()
    text = " ".join(read_lesson(LESSONS / "09-using-a-pretrained-model.md").prose.split())
    scores = prompting.compare_strategies(model, task=prompting.EVERY_TASK)
    assert "The bare question is the worst" in text
    assert all(scores[strategy] > scores["bare"] for strategy in prompting.STRATEGIES[1:])
    assert 'it almost never guesses "the kind"' in text and prompting.accuracy(model, "bare", task="kind") <= 0.1
    written = [model.answer(prompting.prompt("instruction", word, task=task))
               for task in prompting.TASKS for word in tasks.HELD_OUT_WORDS]  # fmt: skip
    assert 'for 10 of the 60 questions its likeliest next word is "?"' in text and written.count("?") == 10
    assert "The labelled format names the task" in text and "is right almost every time" in text
    assert scores["instruction"] < scores["format"] >= 0.95
    assert 'after "cat = gato ; milk =" the model writes the Portuguese *leite*' in text
    assert (
        prompting.prompt("1-shot", "milk") == "cat = gato ; milk =" and model.answer("cat = gato ; milk =") == "leite"
    )
    assert "Three or five examples fit only one task, and every answer is right" in text
    assert scores["1-shot"] < scores["3-shot"] == scores["5-shot"] == 1
    found = {k: prompting.retrieval_accuracy(model, k) for k in (None, 1, 3)}
    assert "it is right only by luck" in text and found[None] <= 3 / len(tasks.CITIES), "no better than a few guesses"
    assert "With the right passage in the prompt, it reads the answer off" in text and found[1] >= 0.9
    assert "Three passages do worse than one here" in text and found[3] < found[1]


def test_lesson_9_compares_smollm2_with_the_course_transformer_as_the_estimator_counts_them():
    from knobs import cost, prompting

    smollm2 = cost.count_transformer_parameters(49152, 576, 30, 1536, 9, 3, tied=True, gated=True, norm="rms")
    text = " ".join(read_lesson(LESSONS / "09-using-a-pretrained-model.md").prose.split())
    assert "about two thousand times smaller" in text
    assert 1500 <= smollm2 / prompting.pretrained().count_parameters() < 2500
    assert "About a fifth of them (49,152 × 576 ≈ 28 million)" in text and 0.18 < 49152 * 576 / smollm2 < 0.23
    untied = cost.count_transformer_parameters(49152, 576, 30, 1536, 9, 3, tied=False, gated=True, norm="rms")
    assert "162,826,560" in quiz_question("09-using-a-pretrained-model.md", "How many knobs would SmolLM2")["explain"]
    assert untied == 162_826_560

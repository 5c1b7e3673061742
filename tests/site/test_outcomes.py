"""Every outcome a lesson states ("You will be able to: …") has at least one scored item that tests it: a graded
quiz question, a matching set, a code exercise or a lab's tasks saying `outcome: N` (overrides/hooks/outcomes.py).
The build refuses an outcome number that the lesson does not state, with the file and line."""

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LESSONS = sorted((ROOT / "docs" / "lessons").glob("[0-9][0-9]-*.md"))
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
sys.path.insert(0, str(ROOT / "pycode"))
import outcomes  # noqa: E402  (the site's hooks, need the path above)
from check_blocks import KINDS  # noqa: E402
from checks import render_page  # noqa: E402
from fences import BlockError, find_fences  # noqa: E402
from labs import LABS, replace_lab_blocks  # noqa: E402
from markup import fingerprint  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402


@pytest.fixture(scope="module", autouse=True)
def site_markdown():
    """The hook renders text inside blocks with the site's own Markdown extensions."""
    import checks

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    checks.on_config(load_config(str(ROOT / "mkdocs.yml")))


def scored_items(text):
    """(outcome numbers, where) for every scored item of a lesson's Markdown."""
    found = []
    for fence in find_fences(text):
        if fence.kind == "lab":
            data = fence.yaml()
            if getattr(LABS[data["lab"]], "TASKS", ()):
                found.append((outcomes.numbers(data), f"lab {data['lab']} (line {fence.line})"))
        elif fence.kind in KINDS and KINDS[fence.kind].scored:
            for item in KINDS[fence.kind].scored(fence.yaml()):
                found.append((outcomes.numbers(item), f"{fence.kind} at line {fence.line}"))
    return found


@pytest.mark.parametrize("path", LESSONS, ids=[path.stem for path in LESSONS])
def test_every_stated_outcome_has_a_scored_item_that_tests_it(path):
    text = path.read_text(encoding="utf-8")
    stated = outcomes.stated(text)
    assert stated, f"{path.name} states no outcomes"
    tested = {number for numbers, _ in scored_items(text) for number in numbers}
    missing = [f"{number}. {stated[number - 1]}" for number in range(1, len(stated) + 1) if number not in tested]
    assert not missing, f"{path.name}: outcomes with no scored item (give one `outcome: N`):\n" + "\n".join(missing)


def test_the_outcomes_are_read_from_the_lessons_opening_box():
    text = (ROOT / "docs" / "lessons" / "01-what-is-a-model.md").read_text(encoding="utf-8")
    stated = outcomes.stated(text)
    assert len(stated) == 4
    assert stated[0].startswith("write a model as a function")


LESSON = """# A lesson

!!! abstract "In this lesson"
    **You will be able to:**

    - do one thing;
    - do another.

    **Time:** about 5 minutes.

```quiz
questions:
  - type: numeric
    prompt: "2 + 2?"
    answer: 4
    outcome: {outcome}
```
"""


def test_an_outcome_the_lesson_does_not_state_fails_the_build_at_its_line():
    render_page(LESSON.format(outcome=2), "lessons/x/")
    render_page(LESSON.format(outcome="[1, 2]"), "lessons/x/")
    with pytest.raises(BlockError) as error:
        render_page(LESSON.format(outcome=3), "lessons/x/")
    assert error.value.line == 16
    assert "outcome 3 is not the number of a stated outcome: this page states 2 outcomes" in error.value.problem
    with pytest.raises(BlockError, match="outcome 'one'"):
        render_page(LESSON.format(outcome="one"), "lessons/x/")


def test_an_unscored_question_cannot_claim_an_outcome():
    scenario = LESSON.replace("type: numeric", "type: scenario").replace("answer: 4", "answer: four")
    with pytest.raises(BlockError, match="not scored"):
        render_page(scenario.format(outcome=1), "lessons/x/")


def test_a_lab_blocks_outcome_out_of_range_fails_the_build_with_the_file_and_line():
    page = LESSON.split("```quiz")[0] + "```lab\nlab: line\noutcome: 5\n```\n"
    with pytest.raises(PluginError, match=r"^docs/lessons/x\.md:13: the lab block: outcome 5 is not"):
        replace_lab_blocks(page, "docs/lessons/x.md")
    assert "knobs-lab__tasks" in replace_lab_blocks(page.replace("outcome: 5", "outcome: 2"), "docs/lessons/x.md")


def test_mapping_an_item_to_an_outcome_keeps_the_readers_saved_answers():
    question = {"type": "numeric", "prompt": "2 + 2?", "answer": 4}
    assert fingerprint({**question, "outcome": 1}) == fingerprint(question)
    assert fingerprint({**question, "answer": 5}) != fingerprint(question)


def test_the_new_lesson_3_question_on_training_versus_serving_is_what_the_course_code_computes():
    from knobs import cost

    text = (ROOT / "docs" / "lessons" / "03-training-vs-inference.md").read_text(encoding="utf-8")
    assert "After how many trillion served tokens has answering cost as much as training?" in text
    assert "    answer: 6\n" in text
    assert cost.training_flops(7e9, 2e12) / cost.flops_per_token(7e9) / 1e12 == pytest.approx(6)

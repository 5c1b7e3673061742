"""The check-yourself hook (overrides/hooks/checks.py): blocks in a lesson become readable, labelled HTML, and a
malformed block stops the build with the file, the line and what is wrong."""

import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from conftest import ROOT

sys.path.insert(0, str(ROOT / "overrides" / "hooks"))  # as MkDocs loads a hook: its siblings importable
import checks  # noqa: E402  (the hook module, needs the path above)


@pytest.fixture(scope="module", autouse=True)
def site_markdown():
    """The hook renders text inside blocks with the site's own Markdown extensions."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    checks.on_config(load_config(str(ROOT / "mkdocs.yml")))


class FakeFile:
    def __init__(self, src_uri):
        self.src_uri = src_uri
        self.abs_src_path = str(ROOT / "docs" / src_uri)


class FakePage:
    def __init__(self, src_uri="lessons/09-test.md"):
        self.file = FakeFile(src_uri)
        self.url = src_uri.replace(".md", "/")


class FakeConfig:
    config_file_path = str(ROOT / "mkdocs.yml")


def render(markdown, src_uri="lessons/09-test.md"):
    """Run the hook on one page as MkDocs does; return the page's HTML as a BeautifulSoup tree."""
    page = FakePage(src_uri)
    text = checks.on_page_markdown(textwrap.dedent(markdown), page, FakeConfig(), None)
    placeholder_html = "\n".join(f"<p>{line.strip()}</p>" if line.strip() else "" for line in text.split("\n"))
    return BeautifulSoup(checks.on_page_content(placeholder_html, page, FakeConfig(), None), "html.parser")


def build_error(markdown):
    """The message of the PluginError a page with `markdown` raises."""
    with pytest.raises(PluginError) as error:
        checks.on_page_markdown(textwrap.dedent(markdown), FakePage(), FakeConfig(), None)
    return str(error.value)


QUIZ = """\
# A lesson

Some text.

```quiz
questions:
  - type: single
    prompt: "With w = 200 and b = 50,000, what does the line predict for 1,500 sq ft?"
    choices:
      - text: "$350,000"
        correct: true
        explain: "200 × 1,500 + 50,000 = 350,000."
      - text: "$300,000"
        explain: "That forgets the bias b."
  - type: multiple
    prompt: "Which of these are parameters of the line?"
    choices:
      - {text: "the weight w", correct: true}
      - {text: "the bias b", correct: true}
      - {text: "the house size", explain: "The size is the input x."}
  - type: numeric
    prompt: "What does the line predict for 1,500 sq ft, in dollars?"
    answer: 350000
    tolerance: 1
    unit: "dollars"
    explain: "200 × 1,500 + 50,000."
  - type: scenario
    prompt: "Validation accuracy is 99% but production accuracy is 60%. What do you check first?"
    answer: "Leakage: whether the validation data overlaps the training data."
  - type: run
    prompt: "Guess the prediction, then run to check."
    code: |
      from knobs.models import Line
      Line(weight=150, bias=20_000).predict([2000])[0]
    tolerance: 0.05
```
"""


def labels_of(soup, inputs):
    return [soup.find("label", attrs={"for": item["id"]}) for item in inputs]


def test_single_choice_is_a_fieldset_of_labelled_radios_with_exactly_one_correct():
    soup = render(QUIZ)
    question = soup.select("fieldset.knobs-q")[0]
    assert question["data-type"] == "single"
    assert "what does the line predict for 1,500 sq ft?" in question.legend.get_text()
    radios = question.select('input[type="radio"]')
    assert len(radios) == 2 and len({radio["name"] for radio in radios}) == 1
    assert [label.get_text() for label in labels_of(soup, radios)] == ["$350,000", "$300,000"]
    assert [radio.has_attr("data-correct") for radio in radios] == [True, False]
    answer = question.select_one("details.knobs-q__answer")
    assert answer.summary.get_text() == "Show the answer"
    assert "That forgets the bias b." in answer.get_text() and "✓ Right:" in answer.get_text()


def test_multiple_choice_uses_checkboxes_numeric_a_text_field_and_scenario_a_textarea():
    soup = render(QUIZ)
    multiple, numeric, scenario, run = soup.select("fieldset.knobs-q")[1:]
    boxes = multiple.select('input[type="checkbox"]')
    assert len(boxes) == 3 and all(labels_of(soup, boxes))
    assert sum(box.has_attr("data-correct") for box in boxes) == 2
    field = numeric.select_one("input")
    assert field["inputmode"] == "decimal" and labels_of(soup, [field])[0].get_text() == "Your answer"
    assert (numeric["data-answer"], numeric["data-tolerance"]) == ("350000", "1")
    assert numeric.select_one(".knobs-q__unit").get_text() == "dollars"
    assert "✓ Answer: 350,000 dollars (within ±1)" in numeric.select_one("details").get_text()
    area = scenario.select_one("textarea")
    assert labels_of(soup, [area])[0].get_text() == "Your answer"
    assert scenario.select_one("details summary").get_text() == "Show the model answer"
    assert "Leakage" in scenario.select_one("details").get_text()
    assert run["data-code"].startswith("from knobs.models import Line\n")
    assert run.select_one(".knobs-q__code pre")  # the code is shown, highlighted
    assert [button.get_text() for button in run.select("button")] == ["Run to check", "Try again"]


def test_buttons_wait_for_the_script_and_feedback_is_announced():
    soup = render(QUIZ)
    for button in soup.select(".knobs-q button"):
        assert button.has_attr("hidden") and button["type"] == "button"
    for feedback in soup.select(".knobs-q__feedback"):
        assert feedback["role"] == "status" and feedback["aria-live"] == "polite"


def test_a_lesson_gets_the_panel_with_its_graded_questions():
    soup = render(QUIZ)
    panel = soup.select_one("section.knobs-panel")
    assert panel["data-knobs-panel"] == "lessons/09-test/"
    keys = panel["data-questions"].split()
    assert [key.split(":")[0] for key in keys] == [
        "quiz-1.q1",
        "quiz-1.q2",
        "quiz-1.q3",
        "quiz-1.q5",
    ]  # not the scenario
    checkbox = panel.select_one('input[type="checkbox"]')
    assert labels_of(soup, [checkbox])[0].get_text() == "Mark this lesson complete"


def test_other_pages_have_no_complete_control_and_pages_without_checks_no_panel():
    assert render(QUIZ, "practice.md").select_one(".knobs-panel input") is None
    assert render("# Home\n\nNo checks here.\n", "index.md").select_one(".knobs-panel") is None
    assert render("# Lessons\n", "lessons/index.md").select_one(".knobs-panel") is None
    assert render("# A lesson without checks\n").select_one(".knobs-panel input")


def test_fingerprint_changes_when_a_question_changes():
    before = render(QUIZ).select("fieldset.knobs-q")[2]["data-fp"]
    after = render(QUIZ.replace("answer: 350000", "answer: 350001")).select("fieldset.knobs-q")[2]["data-fp"]
    assert before != after


def test_match_shows_every_pair_as_buttons_with_definitions_shuffled():
    pairs = "\n".join(f'  - concept: "Concept {i}"\n    definition: "Definition {i}"' for i in range(6))
    soup = render(f"```match\nprompt: Match them.\npairs:\n{pairs}\n```\n")
    block = soup.select_one("[data-knobs-match]")
    concepts = [button.get_text() for button in block.select("button.knobs-match__concept")]
    definitions = block.select("button.knobs-match__definition")
    assert concepts == [f"Concept {i}" for i in range(6)]
    assert sorted(button.get_text() for button in definitions) == [f"Definition {i}" for i in range(6)]
    assert [button.get_text() for button in definitions] != [f"Definition {i}" for i in range(6)]
    assert all(button.get_text() == f"Definition {button['data-pair']}" for button in definitions)
    assert block.select_one('[role="status"][aria-live="polite"]')
    assert len(block.select("details dl dt")) == 6  # the answer, readable without the script


def test_flashcards_are_details_that_open_without_script():
    soup = render(
        '```flashcards\ncards:\n  - front: "What is a gradient?"\n    back: "How the loss changes per knob."\n'
        '  - front: "What is a loss?"\n    back: "One number."\n```\n'
    )
    cards = soup.select("details.knobs-card")
    assert [card.summary.get_text() for card in cards] == ["What is a gradient?", "What is a loss?"]
    assert "How the loss changes per knob." in cards[0].get_text()
    assert soup.select_one(".knobs-cards__count").get_text() == "0 of 2 opened"


def test_blocks_inside_a_longer_fence_are_left_as_code():
    text = "# Writing a quiz\n\n````markdown\n```quiz\nnot: [valid\n```\n````\n"
    assert checks.on_page_markdown(text, FakePage(), FakeConfig(), None) == text


def test_a_block_indented_in_an_admonition_is_rendered():
    soup = render('!!! question "Check"\n\n    ```flashcards\n    cards:\n      - {front: "F", back: "B"}\n    ```\n')
    assert soup.select_one("details.knobs-card summary").get_text() == "F"


@pytest.mark.parametrize(
    "block, line, problem",
    [
        ("```quiz\nquestions:\n  - type: single\n    prompt: [oops\n```\n", 4, "the YAML does not parse"),
        ("```quiz\nquestions:\n  - type: essay\n    prompt: Hi\n```\n", 3, "unknown type 'essay'"),
        (
            "```quiz\nquestions:\n  - type: single\n    prompt: Pick\n    choices:\n      - {text: a, correct: true}\n"
            "      - {text: b, correct: true}\n```\n",
            5,
            "exactly 1 correct choice, found 2",
        ),
        (
            "```quiz\nquestions:\n  - type: single\n    prompt: Pick\n    choices:\n      - {text: a}\n      - {text: b}\n```\n",
            5,
            "exactly 1 correct choice, found 0",
        ),
        (
            "```quiz\nquestions:\n  - type: multiple\n    prompt: Pick\n    choices:\n      - {text: a}\n      - {text: b}\n```\n",
            5,
            "at least 1 correct choice",
        ),
        ("```quiz\nquestions:\n  - type: numeric\n    prompt: How many?\n```\n", 3, "needs an 'answer'"),
        (
            "```quiz\nquestions:\n  - type: numeric\n    prompt: How many?\n    answer: lots\n```\n",
            5,
            "'answer' must be a number",
        ),
        (
            "```quiz\nquestions:\n  - type: numeric\n    prompt: How many?\n    answer: 3\n    tolerance: -1\n```\n",
            6,
            "'tolerance' must be at least 0",
        ),
        ("```quiz\nquestions:\n  - type: run\n    prompt: Guess\n```\n", 3, "needs 'code'"),
        ("```quiz\nquestions:\n  - type: scenario\n    prompt: Why?\n```\n", 3, "needs a model 'answer'"),
        ("```quiz\nquestions:\n  - type: single\n    prompt: Pick\n    choises: []\n```\n", 5, "unknown key 'choises'"),
        ("```quiz\nquestions:\n  - type: single\n    choices: []\n```\n", 3, "missing 'prompt'"),
        ("```quiz\nquestions: []\n```\n", 2, "needs at least 1 item"),
        (
            "```quiz\nquestions:\n  - {type: numeric, id: a, prompt: x, answer: 1}\n  - {type: numeric, id: a, prompt: y, answer: 2}\n```\n",
            4,
            "duplicate id 'a'",
        ),
        (
            "```quiz\nquestions:\n  - {type: numeric, id: Bad Id, prompt: x, answer: 1}\n```\n",
            3,
            "id must be lowercase",
        ),
        ("```match\npairs:\n  - {concept: A, definition: a}\n```\n", 2, "needs at least 2 items, found 1"),
        (
            "```match\npairs:\n  - {concept: A, definition: a}\n  - {concept: B}\n```\n",
            4,
            "pair 2 is missing 'definition'",
        ),
        (
            "```match\npairs:\n  - {concept: A, definition: a}\n  - {concept: A, definition: b}\n```\n",
            2,
            "same concept",
        ),
        ("```flashcards\ncards:\n  - {front: Q}\n```\n", 3, "card 1 is missing 'back'"),
        ("```flashcards\n```\n", 1, "is empty"),
        (
            "```quiz\nquestions:\n  - type: single\n    prompt: x\n    choices:\n      - {text: a, correct: true}\n",
            1,
            "never closed",
        ),
    ],
)
def test_malformed_block_fails_naming_file_line_and_problem(block, line, problem):
    """`line` counts from the block's opening fence (line 1); the page puts two lines before it."""
    message = build_error("# Title\n\n" + block)
    assert message.startswith(f"docs/lessons/09-test.md:{line + 2}: "), message
    assert problem in message


def test_duplicate_block_ids_fail():
    block = "```flashcards\nid: same\ncards:\n  - {front: F, back: B}\n```\n"
    message = build_error(block + "\n" + block)
    assert "duplicate block id 'same'" in message and message.startswith("docs/lessons/09-test.md:7:")


def test_strict_build_with_a_broken_block_fails_with_file_line_and_problem(tmp_path):
    copy = tmp_path / "repo"
    shutil.copytree(
        ROOT,
        copy,
        symlinks=True,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "node_modules", "site", ".cache", "__pycache__", ".pytest_cache", "tests"
        ),
    )
    (copy / "node_modules").symlink_to(ROOT / "node_modules")
    lesson = copy / "docs" / "lessons" / "01-what-is-a-model.md"
    lines = lesson.read_text(encoding="utf-8").split("\n")
    lines[3:3] = [
        "",
        "```quiz",
        "questions:",
        "  - type: single",
        "    prompt: Which?",
        "    choices:",
        "      - {text: a}",
        "      - {text: b}",
        "```",
        "",
    ]
    lesson.write_text("\n".join(lines), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=copy,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert (
        "docs/lessons/01-what-is-a-model.md:9: question 1 (single): a single-choice question needs exactly "
        "1 correct choice, found 0"
    ) in done.stderr


def test_every_run_question_in_the_site_answers_with_a_number(built_site):
    """A "run to check" question is only fair if its code runs and its last line is a number (checked natively)."""
    from knobs_lab import runner

    checked, broken = 0, []
    for path in sorted(built_site.path.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for question in soup.select('fieldset[data-type="run"]'):
            answer = runner.run_cell(question["data-code"], scope=f"check:{question['id']}", cell="check")
            runner.reset(f"check:{question['id']}")
            checked += 1
            try:
                float(answer["result"])
            except (TypeError, ValueError):
                broken.append(
                    f"{path.relative_to(built_site.path)} #{question['id']}: {answer['error'] or answer['result']}"
                )
    assert checked >= 1
    assert not broken, broken


def test_the_quiz_tells_the_page_which_questions_count_and_where_answers_are_saved():
    """The page's script reads these instead of knowing the graded types or the key format itself."""
    soup = render(QUIZ)
    quiz = soup.select_one("[data-knobs-quiz]")
    assert quiz["data-questions"] == soup.select_one("section.knobs-panel")["data-questions"]
    keys = quiz["data-questions"].split()
    fieldsets = soup.select("fieldset.knobs-q")
    assert [fieldset["data-key"] for fieldset in fieldsets] == [f"quiz-1.q{number}" for number in range(1, 6)]
    graded = [
        f"{fieldset['data-key']}:{fieldset['data-fp']}" for fieldset in fieldsets if fieldset["data-type"] != "scenario"
    ]
    assert keys == graded


def test_a_new_question_type_is_one_registry_entry(monkeypatch):
    import questions

    estimate = questions.QuestionType(
        {"answer", "tolerance", "unit", "explain"}, questions.check_numeric, questions.draw_numeric, button="Estimate"
    )
    monkeypatch.setitem(questions.TYPES, "estimate", estimate)
    soup = render(
        "```quiz\nquestions:\n  - {type: estimate, prompt: 'How far', answer: 3}\n"
        "  - {type: scenario, prompt: 'Why', answer: 'Because.'}\n```\n"
    )
    question = soup.select_one('fieldset[data-type="estimate"]')
    assert question["data-answer"] == "3" and question.select_one("button").get_text() == "Estimate"
    assert soup.select_one("[data-knobs-quiz]")["data-questions"] == f"quiz-1.q1:{question['data-fp']}"
    assert "needs an 'answer'" in build_error("```quiz\nquestions:\n  - {type: estimate, prompt: 'How far'}\n```\n")


def test_every_question_type_has_its_judge_in_the_page_script():
    """web/src/checks/questions.js judges exactly the types the hook declares graded."""
    import questions

    script = (ROOT / "web" / "src" / "checks" / "questions.js").as_uri()
    done = subprocess.run(
        [
            "node",
            "--input-type=module",
            "-e",
            f"const {{ TYPES }} = await import({script!r});"
            "console.log(JSON.stringify(Object.entries(TYPES).map(([name, type]) => [name, Boolean(type.judge)])));",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    judged = dict(json.loads(done.stdout))
    assert judged == {name: kind.graded for name, kind in questions.TYPES.items()}


def test_a_labs_tasks_are_scored_items_of_its_page_and_of_the_progress_table():
    from labs import LABS, replace_lab_blocks
    from markup import fingerprint

    markdown = replace_lab_blocks("# Page\n\n```lab\nlab: line\n```\n", "docs/lessons/09-test.md", "lessons/09-test/")
    _, _, graded, panel, _ = checks.render_page(markdown, "lessons/09-test/")
    task = LABS["line"].TASKS[0]
    assert f"lab-line.{task.id}:{fingerprint(task.as_plain())}" in graded  # the key lab.js saves a tick under
    assert panel


def test_check_blocks_are_drawn_in_the_pages_language_and_score_the_same(site_markdown):
    markdown = textwrap.dedent(
        """
        ```quiz
        questions:
          - type: single
            prompt: "Pick"
            choices:
              - {text: "a", correct: true}
              - {text: "b"}
          - type: run
            prompt: "Guess"
            code: "1 + 1"
        ```
        """
    )
    english = checks.render_page(markdown, "lessons/x/")
    spanish = checks.render_page(markdown, "lessons/x/", "es")
    assert english[2] == spanish[2]  # the same score keys: an answer counts in every language
    page = BeautifulSoup(spanish[1][0], "html.parser")
    assert [b.get_text() for b in page.select(".knobs-q__check")] == ["Comprobar", "Ejecutar para comprobar"]
    assert page.select_one(".knobs-q__retry").get_text() == "Intentar de nuevo"
    assert page.select_one(".knobs-q__number").get_text() == "Pregunta 1 de 2"
    assert BeautifulSoup(english[1][0], "html.parser").select_one(".knobs-q__check").get_text() == "Check"

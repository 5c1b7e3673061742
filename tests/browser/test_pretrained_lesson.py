"""Lesson 9 in the page, as a reader uses it: the pretrained transformer loads in the page's Python, a prompt's
next-word chances and SmolLM2-135M's count come out as the lesson states them."""

import sys

import pytest
from playwright.sync_api import expect

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tests" / "site"))
from lesson_pages import LESSONS, read_lesson  # noqa: E402  (the lesson tests' reader of cells, needs the path above)

pytestmark = pytest.mark.browser

LESSON = "lessons/09-using-a-pretrained-model/"
CELLS = read_lesson(LESSONS / "09-using-a-pretrained-model.md").cells


def stated(start):
    """The stated output of the lesson's cell whose code starts with `start`."""
    return next(cell.expected for cell in CELLS if cell.code.startswith(start))


def run(page, text, expected):
    cell = page.locator(".knobs-cell").filter(has_text=text).first
    cell.get_by_role("button", name="▶ Run").click()
    expect(cell.locator(".knobs-cell__output")).to_have_text(expected, timeout=120_000)


def test_the_pretrained_model_answers_a_prompt_and_smollm2_is_counted_in_the_page(page, server):
    page.goto(server.url(LESSON))
    page.wait_for_selector(f'body[data-knobs-page="/knobs/{LESSON}"]')
    expect(page.locator("h1")).to_contain_text("Using a pretrained model")
    run(page, "next_token_probabilities(asked)", stated("from knobs.prompting import pretrained, prompt"))
    run(page, "count_transformer_parameters(", stated("from knobs.cost import count_transformer_parameters"))
    run(page, "reader_groups = ", stated("from knobs.retrieval import Retriever\n\ndocuments"))

"""Review on the practice page, as a reader uses it: a question missed in a lesson comes back first; "Got it" and
"Again" on a flip card move when it comes back."""

import json
import time

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PRACTICE = "practice/"
LESSON = "lessons/10-what-a-senior-engineer-asks-first/"
MISSED = "quiz-2.q3"  # in the last lesson, so it comes late in the review until it is missed
DAY_MS = 24 * 60 * 60 * 1000


def open_page(page, server, path):
    page.goto(server.url(path))
    page.wait_for_selector(f'body[data-knobs-page="/knobs/{path}"]')


def shown(page):
    return page.locator(".knobs-review__item:not([hidden])")


def reload(page):
    page.reload()
    page.wait_for_selector(".knobs-review__status:not(:empty)")  # the review has put its items in order


def missed_item(page):
    return page.locator(f'.knobs-review__item[data-review-page="{LESSON}"]:has(fieldset[data-key="{MISSED}"])')


def record(page, lesson):
    return json.loads(page.evaluate(f"localStorage.getItem('/knobs/:v1:checks:{lesson}')") or "null")


def test_a_question_missed_in_a_lesson_comes_back_first_on_the_practice_page(page, server):
    open_page(page, server, PRACTICE)
    expect(page.locator(".knobs-review__status")).to_contain_text("Showing 1–5 of")
    expect(shown(page)).to_have_count(5)
    expect(missed_item(page)).to_have_count(1)
    expect(missed_item(page)).to_be_hidden()  # from the last lesson: not in the first set

    open_page(page, server, LESSON)
    question = page.locator(f'fieldset[data-key="{MISSED}"]')
    question.get_by_label("Your answer").fill("3")
    question.get_by_role("button", name="Check").click()
    expect(question.locator(".knobs-q__feedback")).to_contain_text("✗ Not right")

    open_page(page, server, PRACTICE)
    first = shown(page).first
    expect(first).to_have_attribute("data-review-page", LESSON)
    expect(first.locator("fieldset")).to_have_attribute("data-key", MISSED)
    expect(first.locator(".knobs-q__feedback")).to_contain_text("✗")

    # Answered right in review, it counts on its lesson and no longer comes first.
    first.get_by_role("button", name="Try again").click()
    first.get_by_label("Your answer").fill("8")
    first.get_by_role("button", name="Check").click()
    expect(first.locator(".knobs-q__feedback")).to_contain_text("✓ Right")
    assert record(page, LESSON)["answers"][MISSED]["right"] is True
    reload(page)
    expect(missed_item(page)).to_be_hidden()
    assert page.console_errors == []


def test_got_it_and_again_set_when_a_card_comes_back(page, server):
    open_page(page, server, PRACTICE)
    card = page.locator('.knobs-review__item[data-review-kind="card"]').first
    key, fp = card.get_attribute("data-review-key").split(":")
    lesson = card.get_attribute("data-review-page")
    # Show the card first: make it the only item due (as the schedule would after a day or two).
    page.evaluate(
        "([name, key, fp]) => localStorage.setItem(name, JSON.stringify({answers: {}, matches: {}, cards: {},"
        " review: {[key]: {fp, box: 2, due: Date.now() - 1000}}, complete: false, updated: Date.now()}))",
        [f"/knobs/:v1:checks:{lesson}", key, fp],
    )
    reload(page)
    first = shown(page).first
    expect(first).to_have_attribute("data-review-key", f"{key}:{fp}")

    first.get_by_role("button", name="Got it").click()
    expect(first.locator(".knobs-review__due")).to_have_text("Back in 3 days.")
    saved = record(page, lesson)["review"][key]
    assert saved["box"] == 3
    assert abs(saved["due"] - (time.time() * 1000 + 3 * DAY_MS)) < 60_000

    reload(page)  # not due: it goes behind every unseen item
    expect(shown(page).first).not_to_have_attribute("data-review-key", f"{key}:{fp}")
    assert page.locator(".knobs-review__item").last.get_attribute("data-review-key") == f"{key}:{fp}"

    card = page.locator(f'.knobs-review__item[data-review-key="{key}:{fp}"]')
    card.evaluate("node => { node.hidden = false; }")  # reach it without paging through every set
    card.get_by_role("button", name="Again").click()
    expect(card.locator(".knobs-review__due")).to_have_text("Back later today.")
    saved = record(page, lesson)["review"][key]
    assert saved["box"] == 1 and saved["due"] <= time.time() * 1000 + 1000
    reload(page)
    expect(shown(page).first).to_have_attribute("data-review-key", f"{key}:{fp}")
    assert page.console_errors == []

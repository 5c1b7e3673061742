"""Check yourself, as a reader uses it: answer questions right and wrong, match concepts with the mouse and the
keyboard, flip cards, mark a lesson complete, move progress to another browser, and survive damaged or blocked
storage."""

import json
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PRACTICE = "practice/"
LESSON = "lessons/01-what-is-a-model/"
PROGRESS = "progress/"
KEY = "/knobs/:v1:checks:practice/"  # where the practice page's answers are saved (site path + version)


def open_page(page, server, path):
    page.goto(server.url(path))
    page.wait_for_selector(f'body[data-knobs-page="/knobs/{path}"]')


def question(page, number):
    return page.locator("fieldset.knobs-q").nth(number)


def check(fieldset, button="Check"):
    fieldset.get_by_role("button", name=button).click()
    return fieldset.locator(".knobs-q__feedback")


def test_each_question_type_gives_feedback_and_a_score_that_survive_reload(page, server):
    open_page(page, server, PRACTICE)
    single, multiple, numeric = question(page, 0), question(page, 1), question(page, 2)

    single.get_by_label("$300,000").check()
    feedback = check(single)
    expect(feedback).to_contain_text("✗ Not right.")
    expect(feedback).to_contain_text("forgets to add the bias")
    expect(single.get_by_role("button", name="Try again")).to_be_visible()
    single.get_by_label("$350,000").check()
    expect(check(single)).to_contain_text("✓ Right.")
    expect(feedback).to_contain_text("300,000 + 50,000 = 350,000")

    multiple.get_by_label("the weight w").check()
    multiple.get_by_label("the size of the house").check()
    feedback = check(multiple)
    expect(feedback).to_contain_text("✗ Not right: 1 of your picks is wrong, and you missed 1 right answer.")
    expect(feedback).to_contain_text("The size is the input")
    multiple.get_by_role("button", name="Try again").click()
    expect(multiple.get_by_label("the weight w")).not_to_be_checked()
    multiple.get_by_label("the weight w").check()
    multiple.get_by_label("the bias b").check()
    expect(check(multiple)).to_contain_text("✓ Right: all 2 right answers.")

    numeric.get_by_label("Your answer").fill("90000")
    expect(check(numeric)).to_contain_text("✗ Not right: 90,000 is too low.")
    numeric.get_by_label("Your answer").fill("100,000")
    numeric.get_by_label("Your answer").press("Enter")
    expect(numeric.locator(".knobs-q__feedback")).to_contain_text("✓ Right: 100,000 dollars.")
    expect(numeric.locator(".knobs-q__feedback")).to_contain_text("the weight sets the slope")

    scenario = page.locator('fieldset[data-type="scenario"]')
    scenario.get_by_label("Your answer").fill("The weight is probably zero.")
    scenario.get_by_text("Show the model answer").click()
    expect(scenario.locator("details")).to_contain_text("the weight (the slope) is 0 or nearly 0")

    page.locator("[data-knobs-cards] summary").first.click()  # another widget saving leaves the quiz alone
    expect(single.locator(".knobs-q__feedback")).to_contain_text("✓ Right.")
    expect(single.locator(".knobs-q__feedback")).not_to_contain_text("saved answer")
    expect(page.locator("[data-knobs-quiz] .knobs-check__score")).to_have_text(
        "Score on this quiz: 3 of 5 right (2 not answered yet). The open question is not scored."
    )
    expect(page.locator(".knobs-panel__score")).to_have_text("Your score on this page: 3 of 5 questions right.")

    page.wait_for_timeout(600)  # the scenario text is saved a moment after typing stops
    page.reload()
    page.wait_for_selector(f'body[data-knobs-page="/knobs/{PRACTICE}"]')
    expect(single.get_by_label("$350,000")).to_be_checked()
    expect(single.locator(".knobs-q__feedback")).to_contain_text("✓ Right. (your saved answer)")
    expect(multiple.get_by_label("the bias b")).to_be_checked()
    expect(numeric.get_by_label("Your answer")).to_have_value("100,000")
    expect(scenario.get_by_label("Your answer")).to_have_value("The weight is probably zero.")
    expect(page.locator(".knobs-panel__score")).to_have_text("Your score on this page: 3 of 5 questions right.")

    page.get_by_role("button", name="Start this page again").click()
    expect(page.get_by_role("button", name="Cancel")).to_be_focused()
    page.get_by_role("button", name="Yes, clear them").click()
    expect(page.locator(".knobs-panel__score")).to_contain_text("0 of 5 questions right.")
    expect(single.get_by_label("$350,000")).not_to_be_checked()
    expect(single.locator(".knobs-q__feedback")).to_be_empty()
    expect(page.locator("[data-knobs-cards] .knobs-cards__count")).to_have_text("0 of 3 opened")
    assert page.console_errors == []


def test_run_question_checks_the_guess_with_python_in_the_page(page, server):
    open_page(page, server, PRACTICE)
    run = page.locator('[data-knobs-quiz="basics"] fieldset[data-type="run"]')
    expect(check(run, "Run to check")).to_contain_text("Type your guess first")
    run.get_by_label("Your guess").fill("300000")
    feedback = check(run, "Run to check")
    expect(feedback).to_contain_text(
        "✗ Not right: Python says 320,000 dollars; your guess was 300,000.", timeout=60_000
    )
    run.get_by_label("Your guess").fill("320000")
    expect(check(run, "Run to check")).to_contain_text("✓ Right: Python says 320,000", timeout=30_000)
    expect(feedback).to_contain_text("150 × 2,000 + 20,000 = 320,000")


def test_quizzes_work_when_the_python_worker_fails(page, server):
    page.route(re.compile(r".*/assets/knobs/worker\.js.*"), lambda route: route.abort())
    open_page(page, server, PRACTICE)
    single = question(page, 0)
    single.get_by_label("$350,000").check()
    expect(check(single)).to_contain_text("✓ Right.")
    run = page.locator('[data-knobs-quiz="basics"] fieldset[data-type="run"]')
    run.get_by_label("Your guess").fill("320000")
    expect(check(run, "Run to check")).to_contain_text("Python could not run the check", timeout=30_000)
    question(page, 2).get_by_label("Your answer").fill("100000")
    expect(check(question(page, 2))).to_contain_text("✓ Right")


def test_matching_by_click_and_by_keyboard_explains_wrong_pairs(page, server):
    open_page(page, server, PRACTICE)
    match = page.locator("[data-knobs-match]")
    concept = lambda name: match.locator(".knobs-match__concept", has_text=name)
    definition = lambda text: match.locator(".knobs-match__definition", has_text=text)
    expect(match).to_contain_text("Tap a concept, then its definition.")

    definition("training changes").click()
    expect(match.locator(".knobs-match__feedback")).to_have_text("Pick a concept first, then its definition.")
    concept("Parameter").click()
    expect(concept("Parameter")).to_have_attribute("aria-pressed", "true")
    definition("chosen by a person").click()
    feedback = match.locator(".knobs-match__feedback")
    expect(feedback).to_contain_text("✗ Not a pair")
    expect(feedback).to_contain_text("it describes “Structure”")
    concept("Parameter").click()
    definition("training changes").click()
    expect(feedback).to_contain_text("✓ Right: “Parameter”")
    expect(feedback).to_contain_text("Parameters are the knobs")
    expect(definition("training changes")).to_contain_text("✓ Parameter")
    expect(concept("Parameter")).to_be_disabled()

    # Keyboard only: focus moved to the next concept; Enter picks it, Tab walks to its definition, Space answers.
    targets = {
        "Structure": "chosen by a person",
        "Input": "given to make one prediction",
        "Prediction": "output the model computes",
    }
    for name, text in targets.items():
        expect(concept(name)).to_be_focused()
        page.keyboard.press("Enter")
        for _ in range(12):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.textContent").find(text) >= 0:
                break
        page.keyboard.press("Space")
        expect(feedback).to_contain_text(f"✓ Right: “{name}”")
    expect(match.locator(".knobs-check__score")).to_have_text("✓ All 4 pairs matched, 1 wrong try.")

    page.reload()
    page.wait_for_selector(f'body[data-knobs-page="/knobs/{PRACTICE}"]')
    expect(match.locator(".knobs-check__score")).to_have_text("✓ All 4 pairs matched, 1 wrong try.")
    match.get_by_role("button", name="Start matching again").click()
    expect(match.locator(".knobs-check__score")).to_have_text("0 of 4 pairs matched.")
    expect(concept("Parameter")).to_be_enabled()


def test_flip_cards_count_what_was_opened(page, server):
    open_page(page, server, PRACTICE)
    cards = page.locator("[data-knobs-cards]")
    count = cards.locator(".knobs-cards__count")
    expect(count).to_have_text("0 of 3 opened")
    cards.get_by_text("What is inference?").click()
    expect(cards).to_contain_text("no knob moves")
    expect(count).to_have_text("1 of 3 opened")
    cards.locator("summary").first.focus()
    page.keyboard.press("Enter")
    expect(count).to_have_text("2 of 3 opened")
    cards.get_by_text("What is inference?").click()  # closing a card does not count
    expect(count).to_have_text("2 of 3 opened")
    page.reload()
    page.wait_for_selector(f'body[data-knobs-page="/knobs/{PRACTICE}"]')
    expect(count).to_have_text("2 of 3 opened")


def test_mark_complete_shows_on_the_progress_page_and_in_the_navigation(page, server):
    open_page(page, server, LESSON)
    panel = page.locator(".knobs-panel")
    panel.get_by_label("Mark this lesson complete").check()
    expect(panel.locator(".knobs-panel__status")).to_contain_text("✓ Lesson completed")
    nav_link = page.locator('.md-nav--primary a.md-nav__link[href$="01-what-is-a-model/"]').first
    expect(nav_link).to_contain_text("✓")
    expect(nav_link.locator(".knobs-sr-only")).to_have_text(" completed")
    expect(page.locator(".knobs-nav-done")).to_have_count(1)  # the lesson's link, not its sections

    page.locator(".md-nav--primary").get_by_role("link", name="Your progress").first.click()  # instant navigation
    page.wait_for_selector(f'body[data-knobs-page="/knobs/{PROGRESS}"]')
    row = page.locator(f'tr[data-page="{LESSON}"]')
    expect(row.locator(".knobs-progress__done")).to_have_text("✓ Completed")
    expect(page.locator(".knobs-progress__table caption")).to_contain_text("1 of ")
    expect(page.locator('.md-nav--primary a.md-nav__link[href$="01-what-is-a-model/"]').first).to_contain_text("✓")

    page.reload()
    page.wait_for_selector(f'body[data-knobs-page="/knobs/{PROGRESS}"]')
    expect(row.locator(".knobs-progress__done")).to_have_text("✓ Completed")


def test_export_then_reset_then_import_brings_progress_back(page, server, tmp_path):
    open_page(page, server, PRACTICE)
    question(page, 0).get_by_label("$350,000").check()
    check(question(page, 0))
    open_page(page, server, LESSON)
    page.get_by_label("Mark this lesson complete").check()

    open_page(page, server, PROGRESS)
    practice_score = page.locator(f'tr[data-page="{PRACTICE}"] .knobs-progress__score')
    lesson_done = page.locator(f'tr[data-page="{LESSON}"] .knobs-progress__done')
    expect(practice_score).to_have_text("1 of 5 right")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress (JSON file)").click()
    exported = tmp_path / "knobs-progress.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text())
    assert data["format"] == "knobs-progress" and data["version"] == 1
    assert data["pages"][LESSON]["complete"] is True
    assert data["pages"][PRACTICE]["answers"]["basics.predict-by-hand"]["right"] is True

    page.get_by_role("button", name="Reset everything").click()
    page.get_by_role("button", name="Yes, erase everything").click()
    expect(practice_score).to_have_text("0 of 5 right")
    expect(lesson_done).to_have_text("Not yet")
    expect(page.locator('.md-nav--primary a.md-nav__link[href$="01-what-is-a-model/"]').first).not_to_contain_text("✓")

    not_progress = tmp_path / "other.json"
    not_progress.write_text('{"hello": "world"}')
    page.locator('input[type="file"]').set_input_files(not_progress)
    expect(page.locator(".knobs-progress__status")).to_have_text(
        "✗ Nothing was imported: this file is not a Knobs progress export."
    )
    page.locator('input[type="file"]').set_input_files(exported)
    expect(page.locator(".knobs-progress__status")).to_contain_text("✓ Imported the progress of 2 pages")
    expect(practice_score).to_have_text("1 of 5 right")
    expect(lesson_done).to_have_text("✓ Completed")

    open_page(page, server, PRACTICE)
    expect(question(page, 0).get_by_label("$350,000")).to_be_checked()


def test_corrupted_saved_answers_are_set_aside_with_a_notice(page, server):
    open_page(page, server, PRACTICE)
    question(page, 0).get_by_label("$350,000").check()
    check(question(page, 0))
    page.evaluate("key => localStorage.setItem(key, '{not json at all')", KEY)
    page.reload()
    page.wait_for_selector(f'body[data-knobs-page="/knobs/{PRACTICE}"]')
    notice = page.locator('[data-knobs-quiz="basics"] .knobs-check__notice')
    expect(notice).to_contain_text("was unreadable and has been set aside")
    expect(question(page, 0).get_by_label("$350,000")).not_to_be_checked()
    question(page, 0).get_by_label("$250,000").check()
    expect(check(question(page, 0))).to_contain_text("✗ Not right.")

    page.evaluate("key => localStorage.setItem(key, JSON.stringify({answers: [1, 2], complete: 'yes'}))", KEY)
    page.reload()
    page.wait_for_selector(f'body[data-knobs-page="/knobs/{PRACTICE}"]')
    expect(notice).to_contain_text("was unreadable")
    assert page.console_errors == []


def test_without_storage_everything_works_and_says_answers_wont_be_kept(browser, server):
    # Chrome with "block all cookies" throws on every touch of window.localStorage.
    context = browser.new_context(viewport={"width": 375, "height": 800})
    context.add_init_script("""Object.defineProperty(window, "localStorage", {
        get() { throw new DOMException("The operation is insecure.", "SecurityError"); } });""")
    page = context.new_page()  # (the theme's own inline scripts throw here; ours must not stop working)
    try:
        open_page(page, server, PRACTICE)
        expect(page.locator('[data-knobs-quiz="basics"] .knobs-check__notice')).to_contain_text(
            "Your answers won't be saved"
        )
        single = question(page, 0)
        single.get_by_label("$350,000").check()
        expect(check(single)).to_contain_text("✓ Right.")
        match = page.locator("[data-knobs-match]")
        match.locator(".knobs-match__concept", has_text="Input").click()
        match.locator(".knobs-match__definition", has_text="given to make one prediction").click()
        expect(match.locator(".knobs-check__score")).to_have_text("1 of 4 pairs matched.")
        # a phone's width: nothing wider than the screen
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
    finally:
        context.close()

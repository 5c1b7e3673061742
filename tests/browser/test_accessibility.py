"""Everyone can use the course: axe-core finds no serious or critical problem on any page (light and dark), a
keyboard alone can read a lesson and run a cell, focus is visible, motion respects the reader's setting, and at a
phone's 375 px width no page scrolls sideways."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LESSON = "lessons/01-what-is-a-model/"


def site_pages(site):
    return sorted(
        "" if p.parent == site else p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")
    )


def axe_context(browser, scheme="light"):
    # axe is injected as a script tag; the pages' CSP would (rightly) refuse it, so this context bypasses the CSP.
    # One profile per colour scheme: the theme saves the palette it first shows, so a later emulate_media would not
    # switch a profile that has already seen a page.
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, bypass_csp=True, service_workers="block", color_scheme=scheme
    )
    context.set_default_timeout(30_000)
    return context


@pytest.fixture
def axe_page(browser):
    context = axe_context(browser)
    yield context.new_page()
    context.close()


def serious_violations(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_no_serious_accessibility_violations_on_any_page_in_light_and_dark(browser, server, built_site):
    found = {}
    for scheme, theme in (("light", "default"), ("dark", "slate")):
        context = axe_context(browser, scheme)
        page = context.new_page()
        for path in site_pages(built_site.path):
            page.goto(server.url(path))
            page.wait_for_selector(f'body[data-knobs-page="/knobs/{path}"]')
            assert page.get_attribute("body", "data-md-color-scheme") == theme, f"{scheme} /{path} not in {theme}"
            problems = serious_violations(page)
            if problems:
                found[f"{scheme} /{path}"] = problems
        context.close()
    assert found == {}


def test_a_cell_with_its_output_passes_axe(axe_page, server):
    axe_page.goto(server.url(LESSON))
    axe_page.wait_for_selector(f'body[data-knobs-page="/knobs/{LESSON}"]')
    cell = axe_page.locator(".knobs-cell").first
    cell.get_by_role("button", name="▶ Run").click()
    expect(cell.locator(".knobs-cell__output")).to_have_text("[250000.0]", timeout=60_000)
    assert serious_violations(axe_page) == []


def focused(page):
    return page.evaluate("""() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return {cls: el.className || "", role: el.getAttribute("role"), text: (el.textContent || "").trim().slice(0, 40),
              inCell: Boolean(el.closest(".knobs-cell")), editor: el.classList.contains("cm-content"),
              outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0 || style.boxShadow !== "none"};
    }""")


def test_keyboard_alone_reaches_a_cell_runs_it_and_tabs_out_of_the_editor(page, server):
    page.goto(server.url(LESSON))
    page.wait_for_selector(f'body[data-knobs-page="/knobs/{LESSON}"]')
    for _ in range(300):  # Tab from the top of the page into the first editor
        page.keyboard.press("Tab")
        if focused(page)["editor"]:
            break
    else:
        pytest.fail("Tab never reached a code cell's editor")
    page.keyboard.press("Control+End")
    page.keyboard.type("\nprint('typed with the keyboard')")
    page.keyboard.press("Control+Enter")
    cell = page.locator(".knobs-cell").first
    expect(cell.locator(".knobs-cell__output")).to_contain_text("typed with the keyboard", timeout=60_000)
    page.keyboard.press("Tab")  # CodeMirror must not trap Tab
    after = focused(page)
    assert not after["editor"], "Tab stayed inside the editor"
    assert after["inCell"] and "Run" in after["text"]
    assert after["outline"], "the focused Run button shows no focus ring"
    page.keyboard.press("Enter")  # Run, pressed from the keyboard
    expect(cell.locator(".knobs-cell__status")).to_contain_text("Done", timeout=60_000)


def test_reduced_motion_turns_animations_off(browser, server):
    context = browser.new_context(reduced_motion="reduce", service_workers="block")
    page = context.new_page()
    page.goto(server.url(LESSON))
    page.wait_for_selector(f'body[data-knobs-page="/knobs/{LESSON}"]')
    moving = page.evaluate("""() => [...document.querySelectorAll('body *')].filter((el) => {
        const s = getComputedStyle(el);
        const seconds = (t) => Math.max(...t.split(',').map((x) => parseFloat(x) * (x.trim().endsWith('ms') ? 0.001 : 1)));
        return (s.animationName !== 'none' && seconds(s.animationDuration) > 0.01) || seconds(s.transitionDuration) > 0.01;
      }).map((el) => el.className).slice(0, 10)""")
    context.close()
    assert moving == []


def test_no_page_scrolls_sideways_on_a_375px_phone(browser, server, built_site):
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True, service_workers="block"
    )
    page = context.new_page()
    wide = {}
    for path in site_pages(built_site.path):
        page.goto(server.url(path))
        page.wait_for_selector(f'body[data-knobs-page="/knobs/{path}"]')
        width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        if width[0] > width[1]:
            wide[path] = width
    page.goto(server.url(LESSON))
    page.wait_for_selector(f'body[data-knobs-page="/knobs/{LESSON}"]')
    cell = page.locator(".knobs-cell").first
    cell.get_by_role("button", name="▶ Run").tap()
    expect(cell.locator(".knobs-cell__output")).to_have_text("[250000.0]", timeout=60_000)
    box = cell.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    context.close()
    assert wide == {}


WHERE_IS_FOCUS = """() => {
  const el = document.activeElement;
  const lab = document.querySelector('.knobs-lab[data-lab-id="line"]');
  const quiz = [...document.querySelectorAll('fieldset.knobs-q')]   // the first question after the lab
    .find((q) => lab.compareDocumentPosition(q) & Node.DOCUMENT_POSITION_FOLLOWING);
  return {inLab: lab.contains(el), pastLab: Boolean(lab.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING),
          label: el.labels && el.labels.length ? el.labels[0].textContent.trim() : (el.getAttribute("aria-label") || ""),
          type: el.type || "", text: (el.textContent || "").trim().slice(0, 40), inQuiz: quiz.contains(el),
          labReady: lab.dataset.ready === "true"};
}"""


def test_keyboard_alone_turns_a_lab_knob_and_answers_a_quiz(page, server):
    """A reader without a mouse: Tab down the lesson to the line lab, turn the weight with the arrow keys, read the new
    loss, then Tab on to the quiz, pick an answer with Space and check it with Enter."""
    page.goto(server.url(LESSON))
    page.wait_for_selector(f'body[data-knobs-page="/knobs/{LESSON}"]')
    root = page.locator('.knobs-lab[data-lab-id="line"]')
    for _ in range(400):
        page.keyboard.press("Tab")
        where = page.evaluate(WHERE_IS_FOCUS)
        if where["inLab"] and where["label"].startswith("Weight"):
            break
        if where["pastLab"] and not where["labReady"]:
            # The sliders wait for Python (they say so) and Tab skips disabled controls: wait like a reader, go back.
            page.wait_for_selector('.knobs-lab[data-lab-id="line"][data-ready="true"]', timeout=60_000)
            for _ in range(60):
                page.keyboard.press("Shift+Tab")
                if page.evaluate(WHERE_IS_FOCUS)["label"].startswith("Weight"):
                    break
            break
    assert page.evaluate(WHERE_IS_FOCUS)["label"].startswith("Weight"), "Tab never reached the lab's weight slider"
    weight_shown = root.locator('[data-setting="weight"] output')
    loss = root.locator('[data-out="loss"]')
    expect(loss).not_to_have_text("", timeout=60_000)
    before_weight, before_loss = weight_shown.inner_text(), loss.inner_text()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(weight_shown).not_to_have_text(before_weight)
    expect(loss).not_to_have_text(before_loss)

    for _ in range(400):  # on to the first quiz question
        page.keyboard.press("Tab")
        where = page.evaluate(WHERE_IS_FOCUS)
        if where["inQuiz"] and where["type"] == "radio":
            break
    else:
        pytest.fail("Tab never reached the quiz")
    assert where["label"] == "$350,000"
    page.keyboard.press("Space")
    quiz = page.locator("fieldset.knobs-q").filter(has=page.get_by_label("$350,000"))  # the question Tab reached
    expect(quiz.get_by_label("$350,000")).to_be_checked()
    for _ in range(10):
        page.keyboard.press("Tab")
        where = page.evaluate(WHERE_IS_FOCUS)
        if where["type"] == "button" and where["text"] == "Check":
            break
    else:
        pytest.fail("Tab never reached the Check button")
    page.keyboard.press("Enter")
    feedback = quiz.locator(".knobs-q__feedback")
    expect(feedback).to_contain_text("✓ Right.")
    assert feedback.get_attribute("role") == "status"  # read out by a screen reader

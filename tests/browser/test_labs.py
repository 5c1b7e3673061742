"""The labs, driven as a reader drives them: arrow keys and pointer drags on the sliders, buttons, shared links.
What the page shows is checked against the same bridge functions run natively (pycode), to the shown precision."""

import math
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from playwright.sync_api import expect

from conftest import native, start_lab, wait_until
from knobs_lab import dynamics_lab, finetune_lab, generalisation_lab, line_lab

pytestmark = pytest.mark.browser

PAGE = "labs/"
SLOW = 60_000


@pytest.fixture
def context(browser):
    """A fresh profile without the offline service worker: these tests are about the labs, not the first visit's
    isolation reload (labs starting under the service worker, online and offline, are tested in test_offline.py)."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    ctx.set_default_timeout(30_000)
    yield ctx
    ctx.close()


def open_labs(page, server, hash_=""):
    page.goto(server.url(PAGE) + hash_)
    return page


def lab(page, name):
    root = page.locator(f'.knobs-lab[data-lab-id="{name}"]')
    return start_lab(root, SLOW / 1000)


def shown(root, name):
    return root.locator(f'[data-out="{name}"]').inner_text()


def number(text):
    return float(re.search(r"-?[0-9][0-9,]*(\.[0-9]+)?", text).group().replace(",", ""))


def significant(value, digits):
    """As the page shows a number (formatNumber in format.js): `digits` significant digits, thousands separated."""
    rounded = float(f"{value:.{digits}g}")
    return format(rounded, ",.12f").rstrip("0").rstrip(".")


def thousands_squared(answer):
    """The line lab's loss as the page shows it: in (thousand $)², 4 significant digits."""
    return f"{significant(answer['loss_thousands'], 4)} (thousand $)²"


def percent(share):
    """As the page shows a share: toFixed(1) of share × 100 (halves round up, unlike Python's format)."""
    return f"{Decimal(share * 100).quantize(Decimal('0.1'), ROUND_HALF_UP)}%"


def log_value(position, step=0.05):
    """A log slider's value at `position`, as the page reads it (logValue in controls.js): the number with the fewest
    significant digits (up to 3) whose place on the slider is that notch."""
    exact = 10**position
    for digits in (1, 2):
        short = float(f"{exact:.{digits}g}")
        if abs(math.log10(short) - position) < step / 2:
            return short
    return float(f"{exact:.3g}")


def drag(page, slider, fraction):
    """Press on the slider's thumb and drag it to `fraction` of the track, like a mouse user."""
    box = slider.bounding_box()
    low, high, value = (float(slider.get_attribute(a)) for a in ("min", "max", "value"))
    value = float(slider.input_value())
    y = box["y"] + box["height"] / 2
    start = box["x"] + 8 + (box["width"] - 16) * (value - low) / (high - low)
    page.mouse.move(start, y)
    page.mouse.down()
    page.mouse.move(box["x"] + 8 + (box["width"] - 16) * fraction, y, steps=6)
    page.mouse.up()


def drawing(root, chart):
    return root.locator(f'[data-chart="{chart}"] canvas').first.screenshot()


def test_controls_are_there_before_python_and_say_why_they_wait(page, server):
    page.goto(server.url(PAGE), wait_until="domcontentloaded")
    first = page.locator(".knobs-lab").first
    slider = first.locator('input[type="range"]').first
    # Before Python answers, the slider exists, is labelled and says why it is inactive.
    expect(first.get_by_label("Weight w")).to_be_visible()
    if first.get_attribute("data-ready") != "true":
        expect(slider).to_be_disabled()
        assert slider.get_attribute("title") == "Waiting for Python to start"
        assert "Python" in first.locator(".knobs-lab__status").inner_text()
    for name in ("line", "dynamics", "generalisation", "network", "language", "finetune"):
        expect(lab(page, name).locator("input, select").first).to_be_enabled()
    assert page.console_errors == []


def test_line_sliders_by_keyboard_and_drag_redraw_and_match_native_loss(page, server):
    root = lab(open_labs(page, server), "line")
    weight = root.get_by_label("Weight w")
    bias = root.get_by_label("Bias b")
    before = drawing(root, "plot")
    weight.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    expect(root.locator('[data-setting="weight"] output')).to_have_text("$105 per sq ft")
    expected = native("line_lab.evaluate", settings={"weight": 105, "bias": 0})
    expect(root.locator('[data-out="loss"]')).to_have_text(thousands_squared(expected))
    assert drawing(root, "plot") != before

    drag(page, bias, 0.6)
    value = float(bias.input_value())
    assert value > 0
    expected = native("line_lab.evaluate", settings={"weight": 105, "bias": value})
    expect(root.locator('[data-out="loss"]')).to_have_text(thousands_squared(expected))
    expect(root.locator('[data-out="typical_error"]')).to_have_text(f"${round(expected['typical_error']):,}")

    root.get_by_role("button", name="Let training turn the knobs").click()
    expect(root.locator(".knobs-lab__status")).to_contain_text("Training settled", timeout=SLOW)
    assert 195 < number(root.locator('[data-setting="weight"] output').inner_text()) < 215


def test_dynamics_reports_divergence_and_matches_native_runs(page, server):
    root = lab(open_labs(page, server), "dynamics")
    rate = root.get_by_label("Learning rate")
    expected = native("dynamics_lab.run", settings={})
    expect(root.locator('[data-out="final_loss"]')).to_have_text(significant(expected["final_loss"], 5))
    rate.focus()
    page.keyboard.press("End")  # learning rate 1: far too large
    expect(root.locator('[data-out="verdict"]')).to_have_text("Diverged")
    expect(root.locator(".knobs-lab__status")).to_contain_text("learning rate is too large")
    page.keyboard.press("Home")  # 0.001: too small
    expect(root.locator('[data-out="verdict"]')).to_have_text("Still falling")
    for _ in range(50):  # up to lesson 2's 0.3, notch by notch
        page.keyboard.press("ArrowRight")
    expect(root.locator('[data-setting="learning_rate"] output')).to_have_text("0.3")
    expect(root.locator('[data-out="verdict"]')).to_have_text("Diverged")
    expect(root.locator(".knobs-lab__status")).to_have_text(
        native("dynamics_lab.run", settings={"learning_rate": 0.3})["summary"]
    )

    drag(page, root.get_by_label("Batch size"), 0.1)
    drag(page, rate, 0.6)
    settings = {
        name: float(root.get_by_label(label).input_value())
        for name, label in (("batch_size", "Batch size"), ("steps", "Training steps"))
    }
    settings["learning_rate"] = log_value(float(rate.input_value()))
    expected = native("dynamics_lab.run", settings=settings)
    if expected["state"] == "diverged":
        expect(root.locator('[data-out="verdict"]')).to_have_text("Diverged")
    else:
        expect(root.locator('[data-out="final_loss"]')).to_have_text(significant(expected["final_loss"], 5))
    frames = int(root.get_attribute("data-drawn"))
    root.get_by_role("button", name="Replay (same seed)").click()
    # the same run again (same seed, same last knob), drawn over several frames rather than at once; the status
    # already says "Finished" from the first run, so wait for the frames before reading it
    if expected["state"] != "diverged":
        drawn = "Number(document.querySelector('.knobs-lab[data-lab-id=\"dynamics\"]').dataset.drawn)"
        wait_until(page, f"{drawn} > {frames + 2}", timeout=SLOW / 1000)
    expect(root.locator(".knobs-lab__status")).to_contain_text(re.compile("Finished|Diverged"), timeout=SLOW)
    expect(root.locator('[data-out="weight"]')).to_have_text(significant(expected["weight"], 5))


# For the three slider labs: the bridge function that computes what the page shows, one read-out, and how the page
# shows it (from the bridge's answer). The generalisation lab shows its untrained run (step 0) after a change.
NATIVE = {
    "line": (line_lab, lambda settings: native("line_lab.evaluate", settings=settings), "loss", thousands_squared),
    "dynamics": (
        dynamics_lab,
        lambda settings: native("dynamics_lab.run", settings=settings),
        "final_loss",
        lambda answer: significant(answer["final_loss"], 5),
    ),
    "generalisation": (
        generalisation_lab,
        lambda settings: native("generalisation_lab.configure", lab="native", settings=settings),
        "train_loss",
        lambda answer: significant(answer["train_loss"], 4),
    ),
}
SLIDERS = ("number", "log", "integer")


def slider_values(root, module):
    """The settings as the page's controls hold them (a log slider holds the power of ten: see log_value)."""
    values = {}
    for setting in module.SETTINGS:
        raw = root.get_by_label(setting.label, exact=True).input_value()
        if setting.kind not in SLIDERS:
            values[setting.name] = raw
            continue
        raw = float(raw)
        values[setting.name] = (
            log_value(raw) if setting.kind == "log" else int(raw) if setting.kind == "integer" else raw
        )
    return values


@pytest.mark.parametrize("name", NATIVE)
def test_every_slider_moved_by_keyboard_gives_the_numbers_python_gives_natively(page, server, name):
    module, compute, out, show = NATIVE[name]
    root = lab(open_labs(page, server), name)
    for setting in module.SETTINGS:
        if setting.kind not in SLIDERS:
            continue
        slider = root.get_by_label(setting.label, exact=True)
        shown_value = root.locator(f'[data-setting="{setting.name}"] output')
        before = shown_value.inner_text()
        at_top = float(slider.input_value()) >= float(slider.get_attribute("max"))
        slider.focus()
        for _ in range(3):
            page.keyboard.press("ArrowLeft" if at_top else "ArrowRight")
        expect(shown_value).not_to_have_text(before)
        expected = compute(slider_values(root, module))
        if expected.get("state") == "diverged":
            expect(root.locator('[data-out="verdict"]')).to_have_text("Diverged")
        else:
            expect(root.locator(f'[data-out="{out}"]')).to_have_text(show(expected))


def native_run(settings, steps):
    """The generalisation lab's run trained natively for `steps` steps (the page's numbers at that step)."""
    native("generalisation_lab.configure", lab="native", settings=settings)
    return native("generalisation_lab.advance", lab="native", steps=steps)


def test_generalisation_trains_over_time_and_overfits_like_native(page, server):
    root = lab(open_labs(page, server), "generalisation")
    expect(root.locator('[data-out="verdict"]')).to_have_text("Untrained")
    before = drawing(root, "fit")
    losses_before = drawing(root, "losses")
    root.get_by_role("button", name="One step").click()
    expect(root.locator('[data-out="steps"]')).to_have_text("1")
    expected = native_run({}, 1)
    expect(root.locator('[data-out="validation_loss"]')).to_have_text(significant(expected["validation_loss"], 4))
    assert drawing(root, "fit") != before  # the curve moved off the flat line

    root.get_by_role("button", name="▶ Play").click()
    expect(root.locator('[data-out="verdict"]')).to_have_text("Overfitting", timeout=SLOW)
    root.get_by_role("button", name="❚❚ Pause").click()
    expect(root.get_by_role("button", name="▶ Play")).to_be_visible()
    steps = int(shown(root, "steps"))
    for _ in range(20):  # a frame already in flight when Pause was pressed is still shown; then nothing moves
        page.wait_for_timeout(300)
        steps, previous = int(shown(root, "steps")), steps
        if steps == previous:
            break
    page.wait_for_timeout(500)
    assert int(shown(root, "steps")) == steps  # paused: training stopped where it was
    expected = native_run({}, steps)
    assert expected["verdict"] == "Overfitting"
    expect(root.locator('[data-out="train_loss"]')).to_have_text(significant(expected["train_loss"], 4))
    expect(root.locator('[data-out="validation_loss"]')).to_have_text(significant(expected["validation_loss"], 4))
    expect(root.locator(".knobs-lab__status")).to_have_text(expected["summary"])
    assert drawing(root, "losses") != losses_before  # the loss curves grew over the steps

    degree = root.get_by_label("Polynomial degree")  # a line instead: it settles too high
    degree.focus()
    for _ in range(8):
        page.keyboard.press("ArrowLeft")
    expect(root.locator('[data-out="steps"]')).to_have_text("0")
    root.get_by_role("button", name="▶ Play").click()
    expect(root.locator('[data-out="verdict"]')).to_have_text("Underfitting", timeout=SLOW)


def test_generalisation_learning_rate_too_large_diverges_in_words(page, server):
    root = lab(open_labs(page, server), "generalisation")
    root.get_by_label("Optimiser").select_option("sgd")
    rate = root.get_by_label("Learning rate")
    rate.focus()
    page.keyboard.press("End")  # about 3: far too large for plain gradient descent
    expect(root.locator('[data-out="steps"]')).to_have_text("0")
    root.get_by_role("button", name="▶ Play").click()
    expect(root.locator('[data-out="verdict"]')).to_have_text("Diverged", timeout=SLOW)
    expected = native_run(slider_values(root, generalisation_lab), 100)
    expect(root.locator(".knobs-lab__status")).to_have_text(expected["summary"])
    assert "nan" not in shown(root, "validation_loss").lower()
    expect(root.get_by_role("button", name="▶ Play")).to_be_visible()  # the run ended: the loop stopped


def test_network_trains_moons_above_ninety_percent_and_counts_its_knobs(page, server):
    root = lab(open_labs(page, server), "network")
    root.scroll_into_view_if_needed()
    expect(root.locator('[data-out="parameters"]')).to_have_text("105 (2-8-8-1)")
    root.get_by_role("button", name="+ layer").click()
    expect(root.locator('[data-out="parameters"]')).to_have_text("177 (2-8-8-8-1)")
    root.get_by_role("button", name="− layer").click()
    root.get_by_role("button", name="Fewer neurons in layer 1").click()
    expect(root.locator('[data-out="parameters"]')).to_have_text("94 (2-7-8-1)")
    root.get_by_role("button", name="More neurons in layer 1").click()
    expect(root.locator('[data-out="parameters"]')).to_have_text("105 (2-8-8-1)")
    before = root.locator("canvas.knobs-lab__canvas").screenshot()
    root.get_by_role("button", name="One step").click()
    expect(root.locator('[data-out="epoch"]')).to_have_text("1")
    root.get_by_role("button", name="▶ Play").click()
    page.wait_for_function(
        "() => parseFloat(document.querySelector('[data-lab-id=network] [data-out=test_accuracy]').textContent) > 90",
        timeout=SLOW,
    )
    root.get_by_role("button", name="❚❚ Pause").click()
    expect(root.locator(".knobs-lab__status")).to_have_text("Paused: press Play to go on, or One step.")
    assert root.locator("canvas.knobs-lab__canvas").screenshot() != before
    assert int(shown(root, "epoch")) > 1


def epoch_after(page, root, seconds):
    page.wait_for_timeout(seconds * 1000)
    return int(shown(root, "epoch"))


def test_a_playing_lab_pauses_out_of_view_and_in_a_hidden_tab_then_resumes(page, server):
    root = lab(open_labs(page, server), "network")
    root.get_by_role("button", name="▶ Play").click()
    expect(root.locator('[data-out="epoch"]')).not_to_have_text(re.compile(r"^[0-9]$"), timeout=SLOW)

    page.evaluate("window.scrollTo(0, 0)")  # scrolled away: training stops, and says so
    expect(root.locator(".knobs-lab__status")).to_contain_text("Paused while the lab is out of view")
    stopped = epoch_after(page, root, 0.3)
    assert epoch_after(page, root, 1) == stopped
    root.scroll_into_view_if_needed()  # back in view: it goes on by itself
    expect(root.locator(".knobs-lab__status")).to_contain_text("Training")
    assert epoch_after(page, root, 1) > stopped

    page.evaluate("""() => {                                   // the reader switches to another tab
      Object.defineProperty(document, "hidden", { value: true, configurable: true });
      document.dispatchEvent(new Event("visibilitychange"));
    }""")
    expect(root.locator(".knobs-lab__status")).to_contain_text("Paused while the lab is out of view")
    stopped = epoch_after(page, root, 0.3)
    assert epoch_after(page, root, 1) == stopped
    page.evaluate("""() => {
      Object.defineProperty(document, "hidden", { value: false, configurable: true });
      document.dispatchEvent(new Event("visibilitychange"));
    }""")
    assert epoch_after(page, root, 1) > stopped
    root.get_by_role("button", name="❚❚ Pause").click()


def test_language_lab_writes_without_changing_its_knobs(page, server):
    root = lab(open_labs(page, server), "language")
    root.get_by_role("button", name="Train", exact=True).click()
    expect(root.locator('[data-out="train_loss"]')).not_to_have_text("untrained")
    first_bar = root.locator(".knobs-lab__bars span").nth(2)
    expect(first_bar).not_to_have_text(re.compile(r"^3\.[0-9]%$"))  # no longer 1 in 29
    temperature = root.get_by_label("Temperature")
    temperature.focus()
    page.keyboard.press("Home")  # temperature 0: all chance on the likeliest character
    expect(first_bar).to_have_text("100.0%")
    root.get_by_role("button", name="Generate").click()
    expect(root.locator(".knobs-lab__generated")).to_contain_text("the model ")
    before = shown(root, "checksum_before")
    assert re.fullmatch(r"[0-9a-f]{12}", before) and shown(root, "checksum_after") == before


def test_finetune_counts_and_accuracy_match_native(page, server):
    root = lab(open_labs(page, server), "finetune")
    root.scroll_into_view_if_needed()
    root.get_by_role("button", name="1. Pretrain").click()
    expect(root.locator(".knobs-lab__status")).to_contain_text("Pretrained", timeout=SLOW)
    root.get_by_role("button", name="2. Fine-tune").click()
    expect(root).to_have_attribute("data-finetuned", "true", timeout=SLOW)
    native("finetune_lab.configure", lab="native", settings={})
    native("finetune_lab.pretrain", lab="native", steps=finetune_lab.PRETRAIN_STEPS)
    expected = native("finetune_lab.finetune", lab="native", settings={})
    expect(root.locator('[data-out="trainable"]')).to_have_text(str(expected["trainable"]))
    expect(root.locator('[data-out="frozen"]')).to_have_text(str(expected["frozen"]))
    expect(root.locator('[data-out="accuracy_after"]')).to_have_text(percent(expected["accuracy_after"]))


def test_a_shared_link_restores_settings_and_out_of_range_values_are_clamped(page, server, context):
    root = lab(open_labs(page, server), "line")
    root.get_by_label("Weight w").fill("250")
    root.get_by_label("Weight w").dispatch_event("input")
    root.get_by_role("button", name="Link to these settings").click()
    expect(root).to_have_attribute("data-link", re.compile("#line.weight=250$"))
    link = root.get_attribute("data-link")
    other = context.new_page()
    other.goto(link)
    restored = lab(other, "line")
    expect(restored.locator('[data-setting="weight"] output')).to_have_text("$250 per sq ft")
    expect(restored.locator('[data-out="loss"]')).to_have_text(
        thousands_squared(native("line_lab.evaluate", settings={"weight": 250, "bias": 0}))
    )

    linked = context.new_page()  # a shared link, opened in a new tab
    linked.goto(server.url(PAGE) + "#network.learning_rate=0.5")
    network = linked.locator('.knobs-lab[data-lab-id="network"]')
    expect(network).to_be_in_viewport()  # the link opens at its lab, far down the page
    expect(network).to_have_attribute("data-ready", "true", timeout=SLOW)
    expect(network.locator('[data-setting="learning_rate"] output')).to_contain_text("0.5")

    other.goto(server.url(PAGE) + "#network.layers=8,30&network.learning_rate=40&line.bias=abc")
    other.reload()
    network = lab(other, "network")
    expect(network.locator(".knobs-lab__notice")).to_contain_text("neurons per layer must be 1–8")
    expect(network.locator(".knobs-lab__notice")).to_contain_text("Learning rate: 40 is outside 0.001–3; using 3")
    expect(network.locator('[data-out="parameters"]')).to_have_text("105 (2-8-8-1)")
    expect(lab(other, "line").locator(".knobs-lab__notice")).to_contain_text("Bias b: the link's value is not valid")

"""The three labs on the pretrained transformer, driven as a reader drives them in real Pyodide: choose, run, see
bars, the heat map and answers change, meet a task, Stop. What the page shows is checked against the same bridge
functions run natively."""

import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from playwright.sync_api import expect

from conftest import native, start_lab, wait_until
from knobs import prompting
from knobs_lab import prompts_lab

pytestmark = pytest.mark.browser

SLOW = 120_000


def percent(share):
    return f"{Decimal(share * 100).quantize(Decimal('0.1'), ROUND_HALF_UP)}%"


def lab(page, server, name):
    page.goto(server.url("labs/"))
    root = page.locator(f'.knobs-lab[data-lab-id="{name}"]')
    return start_lab(root, SLOW / 1000)


def attribute(page, name, key):
    return f"document.querySelector('.knobs-lab[data-lab-id=\"{name}\"]').dataset.{key}"


def heatmap(root):
    return root.locator('[data-chart="heatmap"] canvas').screenshot()


def test_prompts_heat_map_follows_the_chosen_head_and_the_comparison_scores_every_strategy(page, server):
    root = lab(page, server, "prompts")
    expected = native("prompts_lab.attention", settings={})
    mark = "✓" if expected["right"] else f"✗ (right: {expected['truth']})"
    expect(root.locator('[data-out="answer"]')).to_have_text(f"{expected['answer']} {mark}")
    expect(root.locator('[data-chart="heatmap"] figcaption')).to_contain_text(expected["focus"])
    before = heatmap(root)
    root.get_by_label("Head").select_option("2")
    wait_until(page, f"{attribute(page, 'prompts', 'looked')} === '2'")
    assert heatmap(root) != before
    focus = native("prompts_lab.attention", settings={"head": "2"})["focus"]
    expect(root.locator('[data-chart="heatmap"] figcaption')).to_contain_text(focus)

    root.get_by_role("button", name="Compare the strategies").click()
    count = len(prompts_lab.STRATEGIES)
    wait_until(page, f"{attribute(page, 'prompts', 'scored')} === '{count}'", timeout=SLOW / 1000)
    bars = root.locator('[data-chart="bars"] .knobs-lab__bars > span')
    expect(bars).to_have_count(3 * count)
    pooled = prompting.EVERY_TASK  # the lab's default task
    shares = {s: prompting.accuracy(prompting.pretrained(), s, task=pooled) for s in ("bare", "instruction")}
    for i, strategy in enumerate(("bare", "instruction")):
        expect(bars.nth(3 * i + 2)).to_have_text(re.compile(f"^{re.escape(percent(shares[strategy]))} "))
    expect(root.locator('[data-chart="samples"] li')).to_have_count(count)
    expect(root.locator(".knobs-lab__status")).to_contain_text("Done")
    if max(shares.values()) >= prompts_lab.GOOD:
        expect(root.locator('[data-task="good-strategy"]')).to_have_class(re.compile("knobs-lab__task--met"))
    assert page.console_errors == []


def test_prompts_stop_ends_the_comparison_between_two_strategies(page, server):
    root = lab(page, server, "prompts")
    root.get_by_role("button", name="Compare the strategies").click()
    wait_until(page, f"Number({attribute(page, 'prompts', 'scored')}) >= 1", timeout=SLOW / 1000)
    root.get_by_role("button", name="Stop").click()
    expect(root.locator(".knobs-lab__status")).to_contain_text("Stopped after")
    stopped = page.evaluate(attribute(page, "prompts", "scored"))
    page.wait_for_timeout(4000)  # long enough for two more strategies, had it gone on
    assert page.evaluate(attribute(page, "prompts", "scored")) == stopped
    assert int(stopped) < len(prompts_lab.STRATEGIES)


def test_retrieval_turns_a_wrong_answer_right_and_marks_the_retrieved_fact(page, server):
    root = lab(page, server, "retrieval")
    bare = native("retrieval_lab.ask", settings={})
    expect(root.locator('[data-out="answer"]')).to_have_text(f"{bare['answer']} {'✓' if bare['right'] else '✗'}")
    expect(root.locator('[data-out="truth"]')).to_have_text(bare["truth"])
    expect(root.locator(".knobs-lab__prompt mark")).to_have_count(0)
    slider = root.get_by_label("Facts retrieved into the prompt (top k)")
    slider.focus()
    page.keyboard.press("ArrowRight")  # k = 1
    found = native("retrieval_lab.ask", settings={"k": 1})
    expect(root.locator('[data-out="answer"]')).to_have_text(f"{found['answer']} {'✓' if found['right'] else '✗'}")
    expect(root.locator(".knobs-lab__prompt mark")).to_have_text(found["parts"][0]["text"])
    expect(root.locator(".knobs-lab__documents li").first).to_contain_text("(retrieved)")
    expect(root.locator(".knobs-lab__status")).to_have_text(found["why"])
    heaviest = max(range(1, len(found["tokens"])), key=found["weights"].__getitem__)
    weights = root.locator(".knobs-lab__prompt span[data-weight]")
    expect(weights.nth(heaviest - 1)).to_have_attribute("data-weight", f"{found['weights'][heaviest]:.3f}")
    if found["right"] and not bare["right"]:
        expect(root.locator('[data-task="retrieve-right"]')).to_have_class(re.compile("knobs-lab__task--met"))
    page.keyboard.press("End")  # k = 3: more facts in the prompt
    expect(root.locator(".knobs-lab__prompt mark")).to_contain_text(
        native("retrieval_lab.ask", settings={"k": 3})["parts"][0]["text"]
    )
    assert page.console_errors == []


def test_assistant_fine_tunes_in_the_page_and_answers_like_native(page, server):
    root = lab(page, server, "assistant")
    start = native("assistant_lab.configure", lab="native", settings={})
    expect(root.locator('[data-out="trainable"]')).to_have_text(f"{start['trainable']:,}")
    expect(root.locator('[data-out="frozen"]')).to_have_text(f"{start['frozen']:,}")
    expect(root.locator('[data-out="right_before"]')).to_have_text(f"{start['right_before']} of 4")
    expect(root.locator('[data-chart="pairs"] li')).to_have_count(len(start["pairs"]))
    root.get_by_role("button", name="Fine-tune").click()
    expect(root.locator(".knobs-lab__status")).to_contain_text("Done", timeout=SLOW)
    while not (trained := native("assistant_lab.train", lab="native", steps=1))["done"]:
        pass
    expect(root.locator('[data-out="right_after"]')).to_have_text(f"{trained['right_after']} of 4")
    cells = root.locator('[data-chart="answers"] tr td:nth-child(4)')
    for i, row in enumerate(trained["after"]):
        expect(cells.nth(i)).to_have_text(f"{row['written']} {'✓' if row['right'] else '✗'}")
    expect(root.locator('[data-task="assistant"]')).to_have_class(re.compile("knobs-lab__task--met"))
    assert page.console_errors == []


def test_assistant_stop_ends_fine_tuning_between_two_steps(page, server):
    root = lab(page, server, "assistant")
    steps = root.get_by_label("Fine-tuning steps")
    steps.focus()
    page.keyboard.press("End")  # 30 steps: far more than the wait below
    wait_until(page, f"{attribute(page, 'assistant', 'trained')} === '0'")
    root.get_by_role("button", name="Fine-tune").click()
    wait_until(page, f"Number({attribute(page, 'assistant', 'trained')}) >= 1", timeout=SLOW / 1000)
    root.get_by_role("button", name="Stop").click()
    expect(root.locator(".knobs-lab__status")).to_contain_text("Stopped after")
    stopped = page.evaluate(attribute(page, "assistant", "trained"))
    page.wait_for_timeout(3000)
    assert page.evaluate(attribute(page, "assistant", "trained")) == stopped
    assert int(stopped) < 30
    expect(root.get_by_role("button", name="Fine-tune")).to_be_enabled()

// Lab "prompts": score the pretrained transformer on the held-out words (each asked for one task or, by default,
// for every task) with each prompt strategy, one strategy per frame (a bar appears as each is ready; Stop ends the
// comparison between two), show what it wrote for the chosen word with each strategy, and the attention of the
// chosen prompt as a heat map. Python scores, names the
// best strategy and says where the last token looked; this script draws.

import { makeCanvas } from "./boundary.js";
import { percent } from "./format.js";
import { drawHeatmap } from "./heatmap.js";

const LOOK = new Set(["strategy", "word", "layer", "head", "task"]); // settings that change the heat map

export async function start(lab) {
  const bars = document.createElement("div");
  bars.className = "knobs-lab__bars knobs-lab__bars--wide";
  lab.chart("bars").prepend(bars);
  const samples = document.createElement("ul");
  samples.className = "knobs-lab__samples";
  samples.setAttribute("aria-live", "polite");
  lab.chart("samples").prepend(samples);
  const canvas = makeCanvas(lab.chart("heatmap"), "Attention of the chosen prompt, token by token");
  const compareButton = lab.button("compare");
  const stopButton = lab.button("stop");
  let scored = {};

  function clear() {
    bars.replaceChildren();
    samples.replaceChildren();
    scored = {};
    lab.out("best", "–");
    lab.root.dataset.scored = "0";
  }

  function addBar(answer) {
    const name = document.createElement("span");
    name.textContent = answer.label;
    const bar = document.createElement("span");
    bar.className = "knobs-lab__bar";
    bar.style.width = `${Math.max(0.5, answer.accuracy * 100)}%`;
    const value = document.createElement("span");
    value.textContent = `${percent(answer.accuracy)} (${answer.right}/${answer.total})`;
    bars.append(name, bar, value);
    bars.dataset[answer.strategy.replace("-", "_")] = String(answer.accuracy);
  }

  function addSample(answer) {
    const item = document.createElement("li");
    const asked = document.createElement("code");
    asked.textContent = answer.sample.prompt;
    const written = document.createElement("strong");
    written.textContent = ` ${answer.sample.completion} ${answer.sample.right ? "✓" : "✗"}`;
    item.append(`${answer.label}: `, asked, written);
    samples.append(item);
  }

  const look = lab.latest(async () => {
    const answer = await lab.request("attention");
    drawHeatmap(canvas, { tokens: answer.tokens, weights: answer.weights });
    canvas.setAttribute("aria-label", `Attention of “${answer.prompt}”. ${answer.focus}`);
    lab.out("answer", `${answer.answer || "(nothing)"} ${answer.right ? "✓" : `✗ (right: ${answer.truth})`}`);
    lab
      .chart("heatmap")
      .querySelector(
        "figcaption",
      ).textContent = `Attention in “${answer.prompt}”: each row is a token, each column a token it may look at. ${answer.focus}`;
    lab.root.dataset.looked = String(Number(lab.root.dataset.looked || 0) + 1);
  });

  function compare() {
    if (lab.loopState) return;
    clear();
    const strategies = lab.spec.find((setting) => setting.name === "strategy").choices.map(([value]) => value);
    let next = 0;
    stopButton.disabled = false;
    lab.setStatus(`Scoring ${strategies.length} strategies on the held-out words…`);
    const run = lab.loop(
      async () => {
        const strategy = strategies[next];
        const answer = await lab.request("score", { strategy, scored });
        if (!run.running) return false; // Stop was pressed while Python scored: this one is not shown
        scored[strategy] = answer.accuracy;
        next += 1;
        addBar(answer);
        addSample(answer);
        lab.out("best", answer.best);
        lab.root.dataset.scored = String(next);
        const done = next >= strategies.length;
        lab.setStatus(
          done
            ? `Done: ${strategies.length} strategies, ${answer.total} held-out words each. Best: ${answer.best}.`
            : `Scored ${next} of ${strategies.length} (${answer.label}: ${percent(answer.accuracy)})…`,
        );
        return !done;
      },
      {
        eager: true,
        onPause: (paused) => paused && lab.setStatus("Comparison paused while the lab is out of view."),
      },
    );
  }

  compareButton.addEventListener("click", compare);
  stopButton.addEventListener("click", () => {
    if (!lab.loopState) return;
    lab.stopLoop();
    lab.setStatus(`Stopped after ${Object.keys(scored).length} strategies.`);
  });
  lab.onChange((name) => {
    if (name === "task") {
      lab.stopLoop();
      clear();
    }
    if (LOOK.has(name)) look();
  });
  clear();
  await look();
  lab.enable();
  lab.setStatus("Press “Compare the strategies” to score each one on the held-out words.");
}

// Lab "line": sliders for w and b over the house prices; the line, each house's miss and the loss follow.
// "Let training turn the knobs" runs gradient descent from the reader's knobs, a few steps per frame.

import { reducedMotion } from "./animation.js";
import { axis, dashedSegments, makeChart } from "./charts.js";
import { dollars, formatNumber } from "./format.js";
import { COLOURS } from "./palette.js";
import { t } from "../words.js";

const STEPS_PER_FRAME = 4;
const MAX_STEPS = 600;

export async function start(lab) {
  const first = await lab.request("setup");
  const sizes = first.sizes;
  const prices = first.prices;
  let predictions = first.predictions;
  const misses = dashedSegments(COLOURS.vermillion, 1.5, [4, 3], (u) =>
    sizes.map((size, i) => {
      const x = u.valToPos(size, "x", true);
      return [x, u.valToPos(prices[i], "y", true), x, u.valToPos(predictions[i], "y", true)];
    }),
  );
  const chart = makeChart(
    lab.chart("plot"),
    {
      scales: { x: { time: false, range: [400, 3100] }, y: { range: [-100_000, 900_000] } },
      axes: [
        axis(t("Size (square feet)")),
        axis(t("Price ($)"), { size: 70, values: (_u, ticks) => ticks.map((t) => `${t / 1000}k`) }),
      ],
      series: [
        { label: t("Size") },
        {
          label: t("House"),
          stroke: COLOURS.blue,
          fill: COLOURS.blue,
          paths: () => null,
          points: { show: true, size: 7, fill: COLOURS.blue },
        },
        { label: t("Line"), stroke: COLOURS.orange, width: 2.5, points: { show: false } },
      ],
      plugins: [misses],
    },
    [sizes, prices, predictions],
  );

  let drawn = 0;
  function draw(answer) {
    predictions = answer.predictions;
    chart.setData([sizes, prices, predictions], false);
    chart.redraw(false, false);
    lab.out("loss", t("{loss} (thousand $)²", { loss: formatNumber(answer.loss_thousands, 4) }));
    lab.out("typical_error", dollars(answer.typical_error));
    lab.root.dataset.drawn = String(++drawn);
  }
  draw(first);

  const evaluate = lab.latest(async () => draw(await lab.request("evaluate")));
  const trainButton = lab.button("train");
  let stepsDone = 0;
  function stopTraining(text) {
    lab.stopLoop();
    trainButton.textContent = t("Let training turn the knobs");
    trainButton.setAttribute("aria-pressed", "false");
    if (text) lab.setStatus(text);
  }
  lab.onChange(() => {
    if (lab.loopState) stopTraining(t("Training stopped: you took the knobs back."));
    evaluate();
  });
  trainButton.setAttribute("aria-pressed", "false");
  trainButton.addEventListener("click", () => {
    if (lab.loopState) {
      stopTraining(t("Training stopped after {steps} steps.", { steps: stepsDone }));
      return;
    }
    stepsDone = 0;
    trainButton.textContent = t("■ Stop training");
    trainButton.setAttribute("aria-pressed", "true");
    lab.setStatus(t("Training: each step moves w and b a little downhill on the loss…"));
    lab.loop(
      async () => {
        const answer = await lab.request("descend", { steps: reducedMotion() ? MAX_STEPS : STEPS_PER_FRAME });
        stepsDone += answer.steps;
        lab.set("weight", answer.weight);
        lab.set("bias", answer.bias);
        draw(answer);
        if (answer.done || stepsDone >= MAX_STEPS) {
          stopTraining(
            t("Training settled after {steps} steps: w = {weight}, b = {bias}.", {
              steps: stepsDone,
              weight: formatNumber(answer.weight, 5),
              bias: dollars(answer.bias),
            }),
          );
          return false;
        }
        return true;
      },
      { onPause: (paused) => paused && lab.setStatus(t("Training paused while the lab is out of view.")) },
    );
  });
  lab.button("reset").addEventListener("click", () => {
    stopTraining("");
    lab.reset();
    lab.setStatus(t("Back to the starting knobs."));
  });
  lab.enable();
  lab.setStatus(t("Ready: drag a slider, or use the arrow keys on it."));
}

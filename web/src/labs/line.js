// Lab "line": sliders for w and b over the house prices; the line, each house's miss and the loss follow.
// "Let training turn the knobs" runs gradient descent from the reader's knobs, a few steps per frame.

import { axis, COLOURS, formatNumber, makeChart, reducedMotion } from "./common.js";

const STEPS_PER_FRAME = 4;
const MAX_STEPS = 600;

function dollars(value) {
  return `$${Math.round(value).toLocaleString("en-US")}`;
}

export async function start(lab) {
  const first = await lab.call("setup", { settings: lab.values });
  lab.accept(first.settings, first.notices);
  const sizes = first.sizes;
  const prices = first.prices;
  let predictions = first.predictions;
  const misses = {
    hooks: {
      draw: [(u) => {
        const context = u.ctx;
        context.save();
        context.strokeStyle = COLOURS.vermillion;
        context.lineWidth = 1.5 * devicePixelRatio;
        context.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
        context.beginPath();
        for (let i = 0; i < sizes.length; i++) {
          const x = u.valToPos(sizes[i], "x", true);
          context.moveTo(x, u.valToPos(prices[i], "y", true));
          context.lineTo(x, u.valToPos(predictions[i], "y", true));
        }
        context.stroke();
        context.restore();
      }],
    },
  };
  const chart = makeChart(lab.chart("plot"), {
    scales: { x: { time: false, range: [400, 3100] }, y: { range: [-100_000, 900_000] } },
    axes: [axis("Size (square feet)"), axis("Price ($)", { size: 70, values: (u, ticks) => ticks.map((t) => `${t / 1000}k`) })],
    series: [
      { label: "Size" },
      { label: "House", stroke: COLOURS.blue, fill: COLOURS.blue, paths: () => null, points: { show: true, size: 7, fill: COLOURS.blue } },
      { label: "Line", stroke: COLOURS.orange, width: 2.5, points: { show: false } },
    ],
    plugins: [misses],
  }, [sizes, prices, predictions]);

  let drawn = 0;
  function draw(answer) {
    predictions = answer.predictions;
    chart.setData([sizes, prices, predictions], false);
    chart.redraw(false, false);
    lab.out("loss", Math.round(answer.loss).toLocaleString("en-US"));
    lab.out("typical_error", dollars(answer.typical_error));
    lab.root.dataset.drawn = String(++drawn);
  }
  draw(first);

  const evaluate = lab.latest(async () => {
    const answer = await lab.call("evaluate", { settings: { weight: lab.values.weight, bias: lab.values.bias } });
    draw(answer);
  });
  const trainButton = lab.button("train");
  let stepsDone = 0;
  function stopTraining(text) {
    lab.stopLoop();
    trainButton.textContent = "Let training turn the knobs";
    trainButton.setAttribute("aria-pressed", "false");
    if (text) lab.setStatus(text);
  }
  lab.onChange(() => {
    if (lab.loopState) stopTraining("Training stopped: you took the knobs back.");
    evaluate();
  });
  trainButton.setAttribute("aria-pressed", "false");
  trainButton.addEventListener("click", () => {
    if (lab.loopState) {
      stopTraining(`Training stopped after ${stepsDone} steps.`);
      return;
    }
    stepsDone = 0;
    trainButton.textContent = "■ Stop training";
    trainButton.setAttribute("aria-pressed", "true");
    lab.setStatus("Training: each step moves w and b a little downhill on the loss…");
    lab.loop(async () => {
      const steps = reducedMotion() ? MAX_STEPS : STEPS_PER_FRAME;
      const answer = await lab.call("descend", { settings: { weight: lab.values.weight, bias: lab.values.bias }, steps });
      stepsDone += answer.steps;
      for (const name of ["weight", "bias"]) {
        lab.values[name] = answer[name];
        lab.show(name, answer[name]);
      }
      draw(answer);
      if (answer.done || stepsDone >= MAX_STEPS) {
        stopTraining(`Training settled after ${stepsDone} steps: w = ${formatNumber(answer.weight, 5)}, b = ${dollars(answer.bias)}.`);
        return false;
      }
      return true;
    }, { onPause: (paused) => paused && lab.setStatus("Training paused while the lab is out of view.") });
  });
  lab.button("reset").addEventListener("click", () => {
    stopTraining("");
    for (const name of ["weight", "bias"]) lab.change(name, lab.defaults[name]);
    lab.setStatus("Back to the starting knobs.");
  });
  lab.enable();
  lab.setStatus("Ready: drag a slider, or use the arrow keys on it.");
}

// Lab "dynamics": learning rate (log slider), steps, batch size, seed → the loss over the steps.
// A slider redraws the whole run at once (one Python call); Replay trains the same run again a few steps per frame.
// How the run went (diverged, still falling, settled) is Python's verdict.

import { reducedMotion } from "./animation.js";
import { axis, makeChart } from "./charts.js";
import { formatNumber } from "./format.js";
import { COLOURS } from "./palette.js";

const STEPS_PER_FRAME = 5;

export async function start(lab) {
  const chart = makeChart(lab.chart("loss"), {
    scales: { x: { time: false }, y: { distr: 3 } },
    axes: [axis("Step"), axis("Training loss (log scale)", { size: 70 })],
    series: [{ label: "Step" }, { label: "Loss", stroke: COLOURS.blue, width: 2, points: { show: false } }],
  }, [[0], [1]]);
  let drawn = 0;

  function verdict(answer) {
    lab.out("verdict", answer.verdict);
    lab.setStatus(answer.summary, answer.state === "diverged" ? "diverged" : "");
  }

  function readouts(answer) {
    lab.out("final_loss", formatNumber(answer.final_loss, 5));
    lab.out("weight", formatNumber(answer.weight, 5));
    lab.out("bias", formatNumber(answer.bias, 5));
  }

  function draw(steps, losses) {
    // A loss of inf or nan cannot sit on a log axis: it is left off (the verdict says what happened).
    chart.setData([steps, losses.map((v) => (Number.isFinite(v) && v > 0 ? v : null))]);
    lab.root.dataset.drawn = String(++drawn);
  }

  const run = lab.latest(async () => {
    lab.stopLoop();
    const answer = await lab.request("run");
    draw(answer.step, answer.loss);
    readouts(answer);
    verdict(answer);
  });
  lab.onChange(() => run());
  await run();

  lab.button("replay").addEventListener("click", async () => {
    lab.stopLoop();
    await lab.request("start", { lab: lab.id });
    const steps = [];
    const losses = [];
    lab.setStatus("Replaying the same run, step by step…");
    lab.loop(async () => {
      const answer = await lab.call("advance", { lab: lab.id, steps: reducedMotion() ? 1000 : STEPS_PER_FRAME });
      steps.push(...answer.step);
      losses.push(...answer.loss);
      draw(steps, losses);
      readouts(answer);
      if (answer.ended) verdict(answer);
      return !answer.ended;
    }, { onPause: (paused) => paused && lab.setStatus("Replay paused while the lab is out of view.") });
  });
  lab.button("reset").addEventListener("click", () => lab.reset());
  lab.enable();
}

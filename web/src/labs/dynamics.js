// Lab "dynamics": learning rate (log slider), steps, batch size, seed → the line moving over the houses, the path
// of the knobs (w, b) over the loss surface, and the loss over the steps. A slider redraws the whole run at once
// (one Python call); Replay trains the same run again a few steps per frame. How the run went (diverged, still
// falling, settled) is Python's verdict.

import { reducedMotion } from "./animation.js";
import { makeCanvas } from "./boundary.js";
import { axis, dots, makeChart } from "./charts.js";
import { formatNumber } from "./format.js";
import { COLOURS } from "./palette.js";
import { drawSurface } from "./surface.js";
import { t } from "../words.js";

const STEPS_PER_FRAME = 5;

export async function start(lab) {
  const land = await lab.call("landscape");
  const houses = makeChart(
    lab.chart("line"),
    {
      mode: 2,
      scales: { x: { time: false, range: [0, 3.2] }, y: { range: [0, 800] } },
      axes: [axis(t("Size (thousand sq ft)")), axis(t("Price (thousand $)"), { size: 60 })],
      series: [
        {},
        { label: t("House"), stroke: COLOURS.blue, fill: COLOURS.blue, paths: dots(3.5), points: { show: false } },
        { label: t("Line"), stroke: COLOURS.orange, width: 2.5, points: { show: false } },
      ],
    },
    [null, [land.sizes, land.prices], [land.line_x, [0, 0]]],
  );
  const surface = makeCanvas(
    lab.chart("surface"),
    t(
      t(
        "The loss over the weight w (across) and the bias b (up), in bands: darker is lower. The path of the knobs starts at a ring at w = 0, b = 0.",
      ),
    ),
  );
  const chart = makeChart(
    lab.chart("loss"),
    {
      scales: { x: { time: false }, y: { distr: 3 } },
      axes: [axis(t("Step")), axis(t("Training loss (log scale)"), { size: 70 })],
      series: [{ label: t("Step") }, { label: t("Loss"), stroke: COLOURS.blue, width: 2, points: { show: false } }],
    },
    [[0], [1]],
  );
  let drawn = 0;

  function verdict(answer) {
    lab.out("verdict", answer.verdict_said);
    lab.setStatus(answer.summary, answer.state === "diverged" ? "diverged" : "");
  }

  function readouts(answer) {
    lab.out("final_loss", formatNumber(answer.final_loss, 5));
    lab.out("weight", formatNumber(answer.weight, 5));
    lab.out("bias", formatNumber(answer.bias, 5));
  }

  function draw(steps, losses, path, lineY) {
    // A loss of inf or nan cannot sit on a log axis: it is left off (the verdict says what happened).
    chart.setData([steps, losses.map((v) => (Number.isFinite(v) && v > 0 ? v : null))]);
    houses.setData([null, [land.sizes, land.prices], [land.line_x, lineY]]);
    drawSurface(surface, {
      bands: land.bands,
      gridSize: land.grid_size,
      box: land.box,
      xs: path[0],
      ys: path[1],
      labels: { x: t("weight w →"), y: t("bias b →") },
    });
    lab.root.dataset.drawn = String(++drawn);
  }

  const run = lab.latest(async () => {
    lab.stopLoop();
    const answer = await lab.request("run");
    draw(answer.step, answer.loss, [answer.path_weights, answer.path_biases], answer.line_y);
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
    const path = [[0], [0]]; // every run starts at w = 0, b = 0
    lab.setStatus(t("Replaying the same run, step by step…"));
    lab.loop(
      async () => {
        const answer = await lab.call("advance", { lab: lab.id, steps: reducedMotion() ? 1000 : STEPS_PER_FRAME });
        steps.push(...answer.step);
        losses.push(...answer.loss);
        path[0].push(...answer.path_weights);
        path[1].push(...answer.path_biases);
        draw(steps, losses, path, answer.line_y);
        readouts(answer);
        if (answer.ended) verdict(answer);
        return !answer.ended;
      },
      { onPause: (paused) => paused && lab.setStatus(t("Replay paused while the lab is out of view.")) },
    );
  });
  lab.button("reset").addEventListener("click", () => lab.reset());
  lab.enable();
}

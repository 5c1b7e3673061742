// Lab "generalisation": data size, noise and polynomial degree → the fitted curve over the points, and the
// training and validation loss of every degree (the validation loss turns up where overfitting begins; Python
// says whether the chosen degree under- or overfits).

import { axis, dashedSegments, makeChart } from "./charts.js";
import { formatNumber } from "./format.js";
import { COLOURS } from "./palette.js";

export async function start(lab) {
  let points = null;
  let degree = lab.values.degree;
  const fit = makeChart(lab.chart("fit"), {
    mode: 2,
    scales: { x: { time: false, range: [-1.05, 1.05] }, y: { range: [-2.5, 2.5] } },
    axes: [axis("x"), axis("y")],
    series: [
      {},
      { label: "Training points", stroke: COLOURS.blue, fill: COLOURS.blue, paths: () => null, points: { show: true, size: 7, fill: COLOURS.blue } },
      { label: "Validation points", stroke: COLOURS.orange, fill: COLOURS.orange, paths: () => null, points: { show: true, size: 7, fill: "transparent", width: 2 } },
      { label: "True curve", stroke: COLOURS.green, width: 1.5, dash: [6, 4], points: { show: false } },
      { label: "Fitted polynomial", stroke: COLOURS.vermillion, width: 2.5, points: { show: false } },
    ],
  }, [null, [[], []], [[], []], [[], []], [[], []]]);
  const chosen = dashedSegments(COLOURS.purple, 2, [5, 4], (u) => {
    const x = u.valToPos(degree, "x", true);
    return [[x, u.bbox.top, x, u.bbox.top + u.bbox.height]];
  });
  const losses = makeChart(lab.chart("losses"), {
    scales: { x: { time: false }, y: { distr: 3 } },
    axes: [axis("Polynomial degree"), axis("Loss (MSE, log scale)", { size: 60 })],
    series: [
      { label: "Degree" },
      { label: "Training loss", stroke: COLOURS.blue, width: 2, points: { show: true } },
      { label: "Validation loss", stroke: COLOURS.orange, width: 2, points: { show: true } },
    ],
    plugins: [chosen],
  }, [[0], [1], [1]]);
  let drawn = 0;

  function draw(answer) {
    degree = answer.settings.degree;
    if (answer.train_x) points = answer;
    fit.setData([null,
      [points.train_x, points.train_y],
      [points.validation_x, points.validation_y],
      [answer.curve_x, answer.truth_y],
      [answer.curve_x, answer.curve_y]]);
    if (answer.train_losses) losses.setData([answer.degrees, answer.train_losses, answer.validation_losses]);
    else losses.redraw(false, false);
    lab.out("train_loss", formatNumber(answer.train_loss, 4));
    lab.out("validation_loss", formatNumber(answer.validation_loss, 4));
    lab.out("best_degree", String(answer.best_degree));
    lab.setStatus(answer.summary);
    lab.root.dataset.drawn = String(++drawn);
  }

  let lastData = null;
  const update = lab.latest(async () => {
    const full = `${lab.values.size}|${lab.values.noise}` !== lastData; // only the degree moved: the points stay
    const answer = await lab.request("fit", { full });
    lastData = `${answer.settings.size}|${answer.settings.noise}`;
    draw(answer);
  });
  lab.onChange(() => update());
  await update();
  lab.button("reset").addEventListener("click", () => lab.reset());
  lab.enable();
}

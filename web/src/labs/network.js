// Lab "network": choose the data, the network's shape and its training knobs; Play trains a few steps per frame
// (as many as fit in Python's frame budget) and the page paints the decision boundary Python computed on a grid;
// the next frame is asked for as soon as one arrives, before this one is drawn, so Python computes while the page
// paints and the boundary redraws as often as Python can compute it.

import { drawBoundary, makeCanvas } from "./boundary.js";
import { axis, makeChart } from "./charts.js";
import { formatNumber, percent } from "./format.js";
import { COLOURS } from "./palette.js";
import { t } from "../words.js";

const MAX_POINTS = 400; // loss-chart points kept (older ones are thinned)

export async function start(lab) {
  const canvas = makeCanvas(
    lab.chart("boundary"),
    t(
      "The network's prediction over the plane: orange for class 0, blue for class 1; circles and squares are the points",
    ),
  );
  const chart = makeChart(
    lab.chart("losses"),
    {
      scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(0.8, max * 1.05)] } },
      axes: [axis(t("Epoch (full-batch steps)")), axis(t("Loss (cross-entropy)"), { size: 55 })],
      series: [
        { label: t("Epoch") },
        { label: t("Training loss"), stroke: COLOURS.blue, width: 2, points: { show: false } },
        { label: t("Test loss"), stroke: COLOURS.orange, width: 2, dash: [6, 3], points: { show: false } },
      ],
    },
    [[], [], []],
    240,
  );
  let setup = null;
  let history = [[], [], []];
  let frames = 0;
  let ahead = null; // the next frame while playing, asked for before this one is drawn
  const play = lab.button("play");

  function draw(answer) {
    drawBoundary(canvas, {
      grid: answer.grid,
      gridSize: setup.grid_size,
      box: setup.box,
      sets: [
        { points: setup.train_points, labels: setup.train_labels },
        { points: setup.test_points, labels: setup.test_labels, hollow: true },
      ],
    });
    lab.root.dataset.frames = String(++frames);
  }

  function record(answer) {
    const [epochs, train, test] = history;
    if (epochs.length && epochs[epochs.length - 1] === answer.epoch) return;
    epochs.push(answer.epoch);
    train.push(Number.isFinite(answer.train_loss) ? answer.train_loss : null);
    test.push(Number.isFinite(answer.test_loss) ? answer.test_loss : null);
    if (epochs.length > MAX_POINTS) history = history.map((series) => series.filter((_, i) => i % 2 === 0));
    chart.setData(history);
  }

  function readouts(answer) {
    lab.out("epoch", String(answer.epoch));
    lab.out("train_loss", formatNumber(answer.train_loss, 4));
    lab.out("test_loss", formatNumber(answer.test_loss, 4));
    lab.out("test_accuracy", percent(answer.test_accuracy));
    lab.root.dataset.epoch = String(answer.epoch);
    if (answer.state === "diverged") {
      lab.setStatus(t("Diverged: {reason}.", { reason: answer.reason }), "diverged");
      pause();
    }
  }

  function show(answer) {
    record(answer);
    readouts(answer);
    draw(answer);
  }

  function pause() {
    lab.stopLoop();
    play.textContent = t("▶ Play");
    play.setAttribute("aria-pressed", "false");
    if (ahead) ahead.then(show, () => {}); // Python trained it: show it, so the page says where training stands
    ahead = null;
  }

  const configure = lab.latest(async () => {
    pause();
    const answer = await lab.request("configure", { lab: lab.id });
    setup = answer;
    history = [[], [], []];
    lab.out("parameters", `${answer.parameters} (${answer.layer_sizes.join("-")})`);
    show(answer);
    lab.setStatus(t("Ready: press Play to train, or One step."));
  });
  lab.onChange(() => configure());
  await configure();

  play.setAttribute("aria-pressed", "false");
  play.addEventListener("click", () => {
    if (lab.loopState) {
      pause();
      lab.setStatus(t("Paused: press Play to go on, or One step.")); // the epoch read-out says where (a frame in flight still lands)
      return;
    }
    play.textContent = t("❚❚ Pause");
    play.setAttribute("aria-pressed", "true");
    lab.setStatus("Training…");
    const advance = () => lab.call("advance", { lab: lab.id });
    lab.loop(
      async () => {
        const answer = await (ahead || advance());
        ahead = answer.state === "diverged" ? null : advance();
        show(answer);
        return answer.state !== "diverged";
      },
      {
        eager: true,
        onPause: (paused) =>
          lab.setStatus(paused ? t("Paused while the lab is out of view (or the tab is hidden).") : t("Training…")),
      },
    );
  });
  lab.button("step").addEventListener("click", async () => {
    pause();
    const answer = await lab.call("advance", { lab: lab.id, steps: 1 });
    show(answer);
    lab.setStatus(t("One step taken: epoch {epoch}.", { epoch: answer.epoch }));
  });
  lab.button("reset").addEventListener("click", () => configure());
  lab.enable();
}

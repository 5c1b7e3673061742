// Lab "generalisation": a polynomial trained step by step. Play trains a few steps per frame and the page draws the
// curve bending over the points and the training and validation losses growing beside it; a changed setting starts
// a fresh run. How the run is going (underfitting, overfitting, a good fit, diverged) is Python's verdict.

import { reducedMotion } from "./animation.js";
import { axis, dots, makeChart } from "./charts.js";
import { formatNumber } from "./format.js";
import { COLOURS } from "./palette.js";
import { t } from "../words.js";

const STEPS_PER_FRAME = 10;

/** A loss as the read-out shows it; a run that blew up has no number worth showing (the verdict says why). */
function loss(value) {
  return Number.isFinite(value) ? formatNumber(value, 4) : t("too large to show");
}

export async function start(lab) {
  let points = null;
  const fit = makeChart(
    lab.chart("fit"),
    {
      mode: 2,
      scales: { x: { time: false, range: [-1.05, 1.05] }, y: { range: [-2.5, 2.5] } },
      axes: [axis("x"), axis("y")],
      series: [
        {},
        {
          label: t("Training points"),
          stroke: COLOURS.blue,
          fill: COLOURS.blue,
          paths: dots(4),
          points: { show: false },
        },
        {
          label: t("Validation points"),
          stroke: COLOURS.orange,
          width: 1.5,
          paths: dots(2.5),
          points: { show: false },
        },
        { label: t("True curve"), stroke: COLOURS.green, width: 1.5, dash: [6, 4], points: { show: false } },
        { label: t("Polynomial"), stroke: COLOURS.vermillion, width: 2.5, points: { show: false } },
      ],
    },
    [null, [[], []], [[], []], [[], []], [[], []]],
  );
  const losses = makeChart(
    lab.chart("losses"),
    {
      scales: { x: { time: false }, y: { distr: 3 } },
      axes: [axis(t("Step")), axis(t("Loss (MSE, log scale)"), { size: 60 })],
      series: [
        { label: t("Step") },
        { label: t("Training loss"), stroke: COLOURS.blue, width: 2, points: { show: false } },
        { label: t("Validation loss"), stroke: COLOURS.orange, width: 2, points: { show: false } },
      ],
    },
    [[0], [1], [1]],
  );
  let history = [[], [], []];
  let drawn = 0;
  const play = lab.button("play");

  function draw(answer) {
    const [steps, train, validation] = history;
    answer.step.forEach((step, i) => {
      steps.push(step);
      // a loss of inf cannot sit on a log axis: left off (the verdict says what happened)
      train.push(Number.isFinite(answer.train_losses[i]) ? answer.train_losses[i] : null);
      validation.push(Number.isFinite(answer.validation_losses[i]) ? answer.validation_losses[i] : null);
    });
    losses.setData(history);
    fit.setData([
      null,
      [points.train_x, points.train_y],
      [points.validation_x, points.validation_y],
      [points.curve_x, points.truth_y],
      [points.curve_x, answer.curve_y],
    ]);
    lab.out("steps", String(answer.steps_done));
    lab.out("train_loss", loss(answer.train_loss));
    lab.out("validation_loss", loss(answer.validation_loss));
    lab.out("verdict", answer.verdict_said);
    lab.setStatus(answer.summary, answer.state === "diverged" ? "diverged" : "");
    lab.root.dataset.steps = String(answer.steps_done);
    lab.root.dataset.drawn = String(++drawn);
    if (answer.ended) pause();
  }

  function pause() {
    lab.stopLoop();
    play.textContent = t("▶ Play");
    play.setAttribute("aria-pressed", "false");
  }

  function playing() {
    play.textContent = t("❚❚ Pause");
    play.setAttribute("aria-pressed", "true");
    lab.loop(
      async () => {
        const answer = await lab.call("advance", { lab: lab.id, steps: reducedMotion() ? 100 : STEPS_PER_FRAME });
        draw(answer);
        return !answer.ended;
      },
      {
        onPause: (paused) => paused && lab.setStatus(t("Paused while the lab is out of view (or the tab is hidden).")),
      },
    );
  }

  const configure = lab.latest(async () => {
    const wasPlaying = Boolean(lab.loopState);
    pause();
    points = await lab.request("configure", { lab: lab.id });
    history = [[], [], []];
    draw(points);
    if (wasPlaying) playing(); // a setting moved while training: the new run trains on
  });
  lab.onChange(() => configure());
  await configure();

  play.setAttribute("aria-pressed", "false");
  play.addEventListener("click", () => {
    if (lab.loopState) pause();
    else playing();
  });
  lab.button("step").addEventListener("click", async () => {
    pause();
    draw(await lab.call("advance", { lab: lab.id, steps: 1 }));
  });
  lab.button("reset").addEventListener("click", () => {
    pause();
    lab.reset();
  });
  lab.enable();
}

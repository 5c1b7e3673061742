// Lab "finetune": pretrain a small network on moons (a few steps per frame), then fine-tune a copy on a few
// examples of a shifted world — every knob, the last layer only, or a LoRA adapter — and compare.

import { drawBoundary, makeCanvas } from "./boundary.js";
import { count, percent } from "./format.js";
import { t } from "../words.js";

const PRETRAIN_STEPS_PER_FRAME = 3;

export async function start(lab) {
  const canvas = makeCanvas(
    lab.chart("boundary"),
    t("The model's prediction over the plane with the points of the old and new world"),
  );
  let setup = null;
  let pretrained = false;
  const finetuneButton = lab.button("finetune");

  function draw(grid, extra = []) {
    drawBoundary(canvas, {
      grid,
      gridSize: setup.grid_size,
      box: setup.box,
      sets: [{ points: setup.old_points, labels: setup.old_labels, size: 2.5 }, ...extra],
    });
  }

  async function configure() {
    lab.stopLoop();
    setup = await lab.request("configure", { lab: lab.id });
    pretrained = false;
    for (const name of ["trainable", "frozen", "accuracy_before", "accuracy_after"]) lab.out(name, "–");
    draw(setup.grid);
    lab.setStatus(t("An untrained network with {count} knobs. Press “1. Pretrain”.", { count: setup.parameters }));
  }
  await configure();

  lab.button("pretrain").addEventListener("click", () => {
    if (pretrained || lab.loopState) return;
    lab.loop(async () => {
      const answer = await lab.call("pretrain", { lab: lab.id, steps: PRETRAIN_STEPS_PER_FRAME });
      draw(answer.grid);
      lab.setStatus(
        t("Pretraining: step {step} of {steps}, {share} right on the old world.", {
          step: answer.steps_done,
          steps: setup.pretrain_steps,
          share: percent(answer.accuracy_old_world),
        }),
      );
      if (answer.done) {
        pretrained = true;
        finetuneButton.disabled = false;
        lab.setStatus(
          t("Pretrained: {share} right on the old world. Now press “2. Fine-tune”.", {
            share: percent(answer.accuracy_old_world),
          }),
        );
      }
      return !answer.done;
    });
  });

  const finetune = lab.latest(async () => {
    if (!pretrained) {
      lab.setStatus(t("Pretrain first: fine-tuning starts from a trained model."));
      return;
    }
    lab.setStatus(t("Fine-tuning a copy of the pretrained model…"));
    const answer = await lab.request("finetune", { lab: lab.id });
    lab.out("trainable", count(answer.trainable));
    lab.out("frozen", count(answer.frozen));
    lab.out("accuracy_before", percent(answer.accuracy_before));
    lab.out("accuracy_after", percent(answer.accuracy_after));
    draw(answer.grid, [
      { points: answer.test_points, labels: answer.test_labels, hollow: true, size: 3 },
      { points: answer.new_points, labels: answer.new_labels, size: 6 },
    ]);
    lab.setStatus(
      t(
        "Fine-tuned {trainable} knobs on {count} new examples ({frozen} frozen): new-world accuracy {before} → {after}; old world now {old}.",
        {
          trainable: answer.trainable,
          count: answer.new_points.length,
          frozen: answer.frozen,
          before: percent(answer.accuracy_before),
          after: percent(answer.accuracy_after),
          old: percent(answer.accuracy_old_world),
        },
      ),
    );
    lab.root.dataset.finetuned = "true";
  });
  finetuneButton.addEventListener("click", () => finetune());
  lab.onChange(() => {
    if (pretrained) finetune();
  });
  lab.button("reset").addEventListener("click", () => configure());
  lab.enable();
}

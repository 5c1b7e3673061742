// Lab "assistant": fine-tune a copy of the pretrained model on a few instruction → answer pairs, one step per
// frame (Stop ends the run between two), and ask it the same questions before and after. Python trains, counts the
// trainable and frozen knobs and judges each answer; this script lists them.

import { count, formatNumber } from "./format.js";
import { t } from "../words.js";

export async function start(lab) {
  const pairs = document.createElement("ul");
  pairs.className = "knobs-lab__samples";
  lab.chart("pairs").prepend(pairs);
  const table = document.createElement("table");
  table.className = "knobs-lab__answers";
  table.setAttribute("aria-live", "polite");
  lab.chart("answers").prepend(table);
  const trainButton = lab.button("train");
  const stopButton = lab.button("stop");
  let setup = null;

  function cell(row, text, tag = "td") {
    const node = document.createElement(tag);
    node.textContent = text;
    row.append(node);
    return node;
  }

  function drawAnswers(after = null) {
    const head = document.createElement("tr");
    for (const title of [t("Question"), t("Right answer"), t("Base model wrote"), t("After fine-tuning")])
      cell(head, title, "th");
    const rows = setup.before.map((before, i) => {
      const row = document.createElement("tr");
      cell(row, before.question);
      cell(row, before.truth);
      cell(row, `${before.written} ${before.right ? "✓" : "✗"}`);
      const now = after ? after[i] : null;
      cell(row, now ? `${now.written} ${now.right ? "✓" : "✗"}` : "–").dataset.right = String(Boolean(now?.right));
      return row;
    });
    table.replaceChildren(head, ...rows);
  }

  const configure = lab.latest(async () => {
    lab.stopLoop();
    setup = await lab.request("configure", { lab: lab.id });
    pairs.replaceChildren(
      ...setup.pairs.map((text) => {
        const item = document.createElement("li");
        item.append(document.createElement("code"));
        item.firstChild.textContent = text;
        return item;
      }),
    );
    drawAnswers();
    lab.out("trainable", count(setup.trainable));
    lab.out("frozen", count(setup.frozen));
    lab.out("right_before", t("{right} of {questions}", { right: setup.right_before, questions: setup.questions }));
    lab.out("right_after", "–");
    lab.out("loss", "–");
    lab.root.dataset.trained = "0";
    lab.setStatus(
      t("The base model answers {right} of {questions}. Press “Fine-tune”.", {
        right: setup.right_before,
        questions: setup.questions,
      }),
    );
  });

  function finetune() {
    if (lab.loopState || !setup) return;
    lab.setStatus(t("Fine-tuning…"));
    const run = lab.loop(
      async () => {
        const answer = await lab.call("train", { lab: lab.id, steps: 1 });
        if (!run.running) return false; // Stop was pressed during this step: the next call starts from it
        drawAnswers(answer.after);
        lab.out("right_after", t("{right} of {questions}", { right: answer.right_after, questions: answer.questions }));
        lab.out("loss", formatNumber(answer.loss, 4));
        lab.root.dataset.trained = String(answer.steps_done);
        if (answer.state === "diverged") lab.setStatus(t("Diverged: {reason}.", { reason: answer.reason }), "diverged");
        else
          lab.setStatus(
            answer.done
              ? t("Done: {steps} steps; the assistant answers {right} of {questions}.", {
                  steps: answer.steps_done,
                  right: answer.right_after,
                  questions: answer.questions,
                })
              : t("Step {step} of {steps}: {right} of {questions} right.", {
                  step: answer.steps_done,
                  steps: answer.steps,
                  right: answer.right_after,
                  questions: answer.questions,
                }),
          );
        return !answer.done;
      },
      { eager: true, onPause: (paused) => paused && lab.setStatus(t("Paused while the lab is out of view.")) },
    );
  }

  trainButton.addEventListener("click", finetune);
  stopButton.addEventListener("click", () => {
    if (!lab.loopState) return;
    lab.stopLoop();
    lab.setStatus(
      t("Stopped after {steps} steps. “Fine-tune” goes on from there.", { steps: lab.root.dataset.trained }),
    );
  });
  lab.button("reset").addEventListener("click", () => configure());
  lab.onChange(() => configure());
  await configure();
  lab.enable();
}

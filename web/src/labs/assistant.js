// Lab "assistant": fine-tune a copy of the pretrained model on a few instruction → answer pairs, one step per
// frame (Stop ends the run between two), and ask it the same questions before and after. Python trains, counts the
// trainable and frozen knobs and judges each answer; this script lists them.

import { count, formatNumber } from "./format.js";

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
    for (const title of ["Question", "Right answer", "Base model wrote", "After fine-tuning"]) cell(head, title, "th");
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
    lab.out("right_before", `${setup.right_before} of ${setup.questions}`);
    lab.out("right_after", "–");
    lab.out("loss", "–");
    lab.root.dataset.trained = "0";
    lab.setStatus(`The base model answers ${setup.right_before} of ${setup.questions}. Press “Fine-tune”.`);
  });

  function finetune() {
    if (lab.loopState || !setup) return;
    lab.setStatus("Fine-tuning…");
    const run = lab.loop(
      async () => {
        const answer = await lab.call("train", { lab: lab.id, steps: 1 });
        if (!run.running) return false; // Stop was pressed during this step: the next call starts from it
        drawAnswers(answer.after);
        lab.out("right_after", `${answer.right_after} of ${answer.questions}`);
        lab.out("loss", formatNumber(answer.loss, 4));
        lab.root.dataset.trained = String(answer.steps_done);
        if (answer.state === "diverged") lab.setStatus(`Diverged: ${answer.reason}.`, "diverged");
        else
          lab.setStatus(
            answer.done
              ? `Done: ${answer.steps_done} steps; the assistant answers ${answer.right_after} of ${answer.questions}.`
              : `Step ${answer.steps_done} of ${answer.steps}: ${answer.right_after} of ${answer.questions} right.`,
          );
        return !answer.done;
      },
      { eager: true, onPause: (paused) => paused && lab.setStatus("Paused while the lab is out of view.") },
    );
  }

  trainButton.addEventListener("click", finetune);
  stopButton.addEventListener("click", () => {
    if (!lab.loopState) return;
    lab.stopLoop();
    lab.setStatus(`Stopped after ${lab.root.dataset.trained} steps. “Fine-tune” goes on from there.`);
  });
  lab.button("reset").addEventListener("click", () => configure());
  lab.onChange(() => configure());
  await configure();
  lab.enable();
}

// Lab "language": train a bigram (at once) or a tiny MLP (a few mini-batches per frame) on the course's corpus;
// the bars show the chance of each next character after the prompt; Generate writes, and the knobs' checksum
// before and after shows that writing never changes them.

import { reducedMotion } from "./animation.js";
import { count, formatNumber, percent } from "./format.js";
import { t } from "../words.js";

const MLP_STEPS_PER_FRAME = 2;

function label(character) {
  if (character === "\n") return "⏎";
  if (character === " ") return "␣";
  return character;
}

export async function start(lab) {
  const bars = document.createElement("div");
  bars.className = "knobs-lab__bars";
  lab.chart("bars").prepend(bars);
  const written = document.createElement("pre");
  written.className = "knobs-lab__generated";
  written.setAttribute("aria-live", "polite");
  lab.chart("text").prepend(written);
  const trainButton = lab.button("train");

  function describe(answer) {
    lab.out("parameters", count(answer.parameters));
    lab.out("train_loss", answer.train_loss === null ? t("untrained") : formatNumber(answer.train_loss, 4));
  }

  const predict = lab.latest(async () => {
    const answer = await lab.request("predict", { lab: lab.id });
    bars.replaceChildren();
    for (const [character, chance] of answer.bars) {
      const name = document.createElement("span");
      name.className = "knobs-lab__char";
      name.textContent = label(character);
      const bar = document.createElement("span");
      bar.className = "knobs-lab__bar";
      bar.style.width = `${Math.max(0.5, chance * 100)}%`;
      const value = document.createElement("span");
      value.textContent = percent(chance);
      bars.append(name, bar, value);
    }
    bars.dataset.window = answer.window;
    lab.chart("bars").querySelector("figcaption").textContent = t(
      "The chance of each next character. The model sees only “{window}”.",
      {
        window: answer.window.replace(/\n/g, "⏎"),
      },
    );
  });

  const configure = lab.latest(async () => {
    lab.stopLoop();
    const answer = await lab.request("configure", { lab: lab.id });
    describe(answer);
    trainButton.textContent = t("Train");
    lab.setStatus(
      answer.context === 1
        ? t("A fresh bigram model: untrained, every character is equally likely.")
        : t("A fresh MLP model: untrained, every character is equally likely."),
    );
    await predict();
  });
  lab.onChange((name) => (name === "model" ? configure() : predict()));
  await configure();

  trainButton.addEventListener("click", async () => {
    if (lab.values.model === "bigram") {
      const answer = await lab.call("train", { lab: lab.id });
      describe(answer);
      lab.setStatus(t("Trained by counting every pair of characters in the corpus."));
      await predict();
      return;
    }
    if (lab.loopState) {
      lab.stopLoop();
      trainButton.textContent = t("Train more");
      lab.setStatus(t("Training paused."));
      return;
    }
    trainButton.textContent = t("❚❚ Pause training");
    lab.loop(async () => {
      const answer = await lab.call("train", { lab: lab.id, steps: reducedMotion() ? 20 : MLP_STEPS_PER_FRAME });
      describe(answer);
      lab.setStatus(t("Training: {count} mini-batches of 32 so far.", { count: answer.trained_steps }));
      await predict();
      return true;
    });
  });
  lab.button("generate").addEventListener("click", async () => {
    const answer = await lab.request("generate", { lab: lab.id });
    written.textContent = answer.text;
    lab.out("checksum_before", answer.checksum_before);
    lab.out("checksum_after", answer.checksum_after);
    lab.setStatus(answer.summary);
  });
  lab.button("reset").addEventListener("click", () => configure());
  lab.enable();
}

// Code exercises: the starter code becomes an editor (the cells' one); "Check my code" sends it to Python
// (knobs_lab.exercise.check), which runs it against the exercise's checker and says what passed or the first case
// that did not. This script only draws the answer: the judging is Python's. Hints open one at a time; the model
// solution is under "Show a model solution". The reader's code and whether it passed are saved in the page's record
// (so they count in the page's score and travel with an exported progress file).

import * as records from "./record.js";
import * as py from "../python.js";
import { pythonEditor } from "../cell.js";
import { t } from "../words.js";

const { element } = records;
const SAVE_DELAY_MS = 300;

class Exercise extends records.SavedBlock {
  constructor(root) {
    super(root, root.dataset.knobsExercise);
    this.key = `${this.id}.solved`;
    this.check = root.dataset.check;
    const starter = root.querySelector(".knobs-exercise__starter");
    this.original = starter.textContent;
    this.feedback = root.querySelector(".knobs-exercise__feedback");
    this.error = root.querySelector(".knobs-exercise__error");
    this.hints = [...root.querySelectorAll(".knobs-exercise__hint")];
    this.checkButton = root.querySelector(".knobs-exercise__check");
    this.stopButton = root.querySelector(".knobs-exercise__stop");
    this.hintButton = root.querySelector(".knobs-exercise__hint-next");
    this.resetButton = root.querySelector(".knobs-exercise__reset");
    this.scoreLine = root.querySelector(".knobs-check__score");
    const host = element("div", { class: "knobs-cell__editor knobs-exercise__editor" });
    starter.replaceWith(host);
    this.editor = pythonEditor(host, this.original, {
      label: t("Python code for the exercise {id}. Ctrl+Enter checks it.", { id: this.id }),
      onRun: () => this.run(),
      onChange: () => this.scheduleSave(),
    });
    for (const button of [this.checkButton, this.stopButton, this.resetButton]) button.hidden = false;
    this.checkButton.addEventListener("click", () => this.run());
    this.stopButton.addEventListener("click", () => py.stop());
    this.hintButton.addEventListener("click", () => this.nextHint());
    this.resetButton.addEventListener("click", () => this.setCode(this.original));
    this.follow();
  }

  saved() {
    return records.entry(records.load(this.page).answers[this.key], this.fp);
  }

  code() {
    return this.editor.state.doc.toString();
  }

  setCode(code, { quiet = false } = {}) {
    this.quiet = quiet; // putting saved code back is not an edit to save again
    this.editor.dispatch({ changes: { from: 0, to: this.editor.state.doc.length, insert: code } });
    this.quiet = false;
  }

  restore() {
    const saved = this.saved();
    this.setCode(saved && typeof saved.value === "string" ? saved.value : this.original, { quiet: true });
    clearTimeout(this.saveTimer);
    this.show(saved && typeof saved.right === "boolean" ? saved : null);
    const opened = saved && Number.isInteger(saved.hints) ? saved.hints : 0;
    this.hints.forEach((hint, index) => {
      hint.hidden = index >= opened;
      if (index < opened) hint.querySelector("details").open = true;
    });
    this.hintButton.hidden = opened >= this.hints.length;
  }

  show(result) {
    this.root.classList.toggle("knobs-exercise--solved", Boolean(result && result.right));
    this.scoreLine.hidden = !result;
    this.scoreLine.textContent = result ? (result.right ? t("✓ Solved") : t("Not solved yet")) : "";
    this.feedback.textContent = result && result.feedback ? `${result.right ? "✓" : "✗"} ${result.feedback}` : "";
    this.feedback.className = `knobs-exercise__feedback${result ? (result.right ? " knobs-q__feedback--right" : " knobs-q__feedback--wrong") : ""}`;
    this.error.hidden = !(result && result.error);
    this.error.textContent = result && result.error ? result.error : "";
  }

  save(change) {
    records.update(
      this.page,
      (record) => {
        const before = records.entry(record.answers[this.key], this.fp) || { fp: this.fp };
        record.answers[this.key] = { ...before, value: this.code(), ...change };
      },
      this,
    );
  }

  scheduleSave() {
    if (this.quiet) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.save({}), SAVE_DELAY_MS);
  }

  nextHint() {
    const opened = this.hints.filter((hint) => !hint.hidden).length;
    if (opened >= this.hints.length) return;
    this.hints[opened].hidden = false;
    this.hints[opened].querySelector("details").open = true;
    this.hintButton.hidden = opened + 1 >= this.hints.length;
    this.save({ hints: opened + 1 });
  }

  async run() {
    if (this.running) return;
    this.running = true;
    this.checkButton.disabled = true;
    this.stopButton.disabled = false;
    this.error.hidden = true;
    const booting = py.status().state !== "ready" && py.status().state !== "busy";
    this.feedback.className = "knobs-exercise__feedback";
    this.feedback.textContent = booting ? t("Starting Python… (the first check takes a few seconds)") : t("Checking…");
    try {
      const answer = await py.call("exercise.check", { name: this.check, code: this.code() });
      const result = { right: answer.passed, feedback: answer.feedback, error: answer.error };
      clearTimeout(this.saveTimer);
      this.save(result);
      this.show(result);
      if (answer.stdout) this.error.textContent = `${answer.stdout}${this.error.textContent}`;
      if (answer.stdout) this.error.hidden = false;
    } catch (error) {
      this.feedback.textContent = error.restarted
        ? t("{reason}. Check again to run your code afresh.", { reason: error.message })
        : t("Python could not check this code: {reason}", { reason: error.message });
    } finally {
      this.running = false;
      this.checkButton.disabled = false;
      this.stopButton.disabled = true;
    }
  }
}

export function mount(content) {
  return [...content.querySelectorAll("[data-knobs-exercise]")].map((root) => new Exercise(root));
}

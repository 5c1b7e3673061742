// Quizzes: each question the build hook rendered (a <fieldset data-type=…>) gets Check / Try again, immediate
// feedback with the explanation, and its answer saved in this browser. What differs between question types (how an
// answer is read and judged) is in questions.js; this module is the part they share. Plain JS: only a "run"
// question touches Python, and only when the reader clicks "Run to check".

import * as records from "./record.js";
import { TYPES } from "./questions.js";
import { t } from "../words.js";

const { element } = records;

function fragment(html) {
  const box = element("div", { class: "knobs-q__why" });
  box.innerHTML = html;
  return box;
}

class Question {
  constructor(fieldset, quiz) {
    this.fieldset = fieldset;
    this.quiz = quiz;
    this.type = TYPES[fieldset.dataset.type];
    this.id = fieldset.dataset.key;
    this.fp = fieldset.dataset.fp;
    this.feedback = fieldset.querySelector(".knobs-q__feedback");
    this.checkButton = fieldset.querySelector(".knobs-q__check");
    this.retryButton = fieldset.querySelector(".knobs-q__retry");
    this.inputs = [...fieldset.querySelectorAll(".knobs-q__choices input")];
    this.entry = fieldset.querySelector(".knobs-q__entry input, .knobs-q__entry textarea");
    this.answerBox = fieldset.querySelector(".knobs-q__answer");
    if (this.checkButton) {
      this.checkButton.hidden = false;
      this.checkButton.addEventListener("click", () => this.check());
    }
    if (this.retryButton) this.retryButton.addEventListener("click", () => this.retry());
    this.type.follow?.(this);
  }

  saved() {
    return records.entry(records.load(this.quiz.page).answers[this.id], this.fp);
  }

  save(answer) {
    records.update(
      this.quiz.page,
      (record) => {
        record.answers[this.id] = answer;
      },
      this.quiz,
    );
  }

  /** Show the saved state (on mount, after a reset or an import). */
  restore() {
    const saved = this.saved();
    for (const input of this.inputs) input.checked = false;
    if (this.entry) this.entry.value = "";
    this.showFeedback(null);
    if (!saved) return;
    this.type.show(this, saved);
    if (this.type.judge && typeof saved.right === "boolean") this.showFeedback(this.type.judge(this, saved), true);
  }

  async check() {
    const value = this.type.read(this);
    const problem = value === null ? this.type.ask : this.type.problem?.(value);
    if (problem) {
      this.say(problem, "hint");
      return;
    }
    const more = this.type.prepare ? await this.type.prepare(this, value) : {};
    if (more === null) return;
    const answer = { fp: this.fp, value, right: false, at: Date.now(), ...more }; // at: review asks oldest first
    answer.right = this.type.judge(this, answer).right;
    this.save(answer);
    this.showFeedback(this.type.judge(this, answer));
  }

  showFeedback(verdict, restored = false) {
    this.feedback.replaceChildren();
    this.fieldset.classList.remove("knobs-q--right", "knobs-q--wrong");
    if (this.retryButton) this.retryButton.hidden = true;
    if (!verdict) return;
    this.fieldset.classList.add(verdict.right ? "knobs-q--right" : "knobs-q--wrong");
    const head = element("p", { class: `knobs-feedback knobs-feedback--${verdict.right ? "right" : "wrong"}` });
    head.append(element("strong", { class: "knobs-mark" }, verdict.right ? "✓ " : "✗ "), verdict.text);
    if (restored) head.append(element("span", { class: "knobs-q__restored" }, t(" (your saved answer)")));
    this.feedback.append(head, ...verdict.details.map(fragment));
    if (!verdict.right && this.retryButton) this.retryButton.hidden = false;
    this.quiz.showScore();
  }

  say(text, kind) {
    this.feedback.replaceChildren(element("p", { class: `knobs-feedback knobs-feedback--${kind}` }, text));
  }

  retry() {
    records.update(
      this.quiz.page,
      (record) => {
        delete record.answers[this.id];
      },
      this.quiz,
    );
    this.restore();
    this.quiz.showScore();
    (this.inputs[0] || this.entry)?.focus();
  }
}

class Quiz extends records.SavedBlock {
  constructor(root) {
    super(root, root.dataset.knobsQuiz);
    this.keys = records.scoreKeys(root); // the graded questions, as the build counted them
    this.scoreLine = root.querySelector(":scope > .knobs-check__score");
    this.questions = [...root.querySelectorAll("fieldset.knobs-q")].map((fieldset) => new Question(fieldset, this));
    this.follow();
  }

  restore() {
    for (const question of this.questions) question.restore();
    this.showScore();
  }

  showScore() {
    if (!this.keys.length || !this.scoreLine) return;
    const { right, answered, total } = records.score(this.page, this.keys);
    this.scoreLine.hidden = false;
    // The question labels count every question; say why the score counts fewer.
    const open = this.questions.length - this.keys.length;
    this.scoreLine.textContent =
      t("Score on this quiz: {right} of {total} right", { right, total }) +
      (answered < total ? t(" ({count} not answered yet).", { count: total - answered }) : ".") +
      (open === 1 ? t(" The open question is not scored.") : "") +
      (open > 1 ? t(" The {count} open questions are not scored.", { count: open }) : "");
  }
}

export function mount(content) {
  return [...content.querySelectorAll("[data-knobs-quiz]")].map((root) => new Quiz(root));
}

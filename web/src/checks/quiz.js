// Quizzes: each question the build hook rendered (a <fieldset data-type=…>) gets Check / Try again, immediate
// feedback with the explanation, and its answer saved in this browser. Plain JS: only a "run" question touches
// Python, and only when the reader clicks "Run to check".

import * as records from "./record.js";

const { element } = records;
const GRADED = new Set(["single", "multiple", "numeric", "run"]);
const SAVE_DELAY_MS = 400;

/** A number typed by a reader: "350000", "350,000", "$350 000", "1e-3", "0,5" (a lone comma as the decimal point). */
export function parseNumber(text) {
  let clean = String(text).trim().replace(/^[$€£]/, "").replace(/[\s_\u00a0\u202f]/g, "");
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(clean)) clean = clean.replace(/,/g, "");
  else if (/^-?\d+,\d+$/.test(clean)) clean = clean.replace(",", ".");
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(clean)) return null;
  return Number(clean);
}

function formatNumber(value) {
  return Number.isInteger(value) ? value.toLocaleString("en") : String(value);
}

function within(value, answer, tolerance) {
  return Math.abs(value - answer) <= tolerance + 1e-9 * Math.max(1, Math.abs(answer));
}

function fragment(html) {
  const box = element("div", { class: "knobs-q__why" });
  box.innerHTML = html;
  return box;
}

class Question {
  constructor(fieldset, quiz) {
    this.fieldset = fieldset;
    this.quiz = quiz;
    this.type = fieldset.dataset.type;
    this.id = `${quiz.id}.${fieldset.dataset.q}`;
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
    if (this.entry && this.type !== "scenario") {
      this.entry.addEventListener("keydown", (event) => {
        if (event.key === "Enter") {
          event.preventDefault();
          this.check();
        }
      });
    }
    if (this.type === "scenario") {
      this.entry.addEventListener("input", () => {
        clearTimeout(this.saveTimer);
        this.saveTimer = setTimeout(() => this.saveScenario(), SAVE_DELAY_MS);
      });
      this.answerBox.addEventListener("toggle", () => this.answerBox.open && this.saveScenario());
    }
  }

  saved() {
    return records.entry(records.load(this.quiz.page).answers[this.id], this.fp);
  }

  /** Show the saved state (on mount, after a reset or an import). */
  restore() {
    const saved = this.saved();
    for (const input of this.inputs) input.checked = false;
    if (this.entry) this.entry.value = "";
    this.showFeedback(null);
    if (!saved) return;
    if (this.type === "single" || this.type === "multiple") {
      const picked = new Set([].concat(saved.value));
      for (const input of this.inputs) input.checked = picked.has(Number(input.value));
    } else if (typeof saved.value === "string" && this.entry) {
      this.entry.value = saved.value;
    }
    if (this.type === "scenario") {
      if (saved.revealed) this.answerBox.open = true;
    } else if (typeof saved.right === "boolean") {
      this.showFeedback(this.judge(saved), true);
    }
  }

  value() {
    if (this.type === "single") {
      const picked = this.inputs.find((input) => input.checked);
      return picked ? Number(picked.value) : null;
    }
    if (this.type === "multiple") {
      const picked = this.inputs.filter((input) => input.checked).map((input) => Number(input.value));
      return picked.length ? picked : null;
    }
    return this.entry.value.trim() || null;
  }

  async check() {
    const value = this.value();
    if (value === null) {
      const ask = { single: "Pick an answer first.", multiple: "Pick at least one answer first.",
        numeric: "Type a number first.", run: "Type your guess first, then run the code to check it." }[this.type];
      this.say(ask, "hint");
      return;
    }
    if ((this.type === "numeric" || this.type === "run") && parseNumber(value) === null) {
      this.say(`“${value}” is not a number: type digits, e.g. 350000 or 0.25.`, "hint");
      return;
    }
    let result;
    if (this.type === "run") {
      result = await this.runPython();
      if (result === null) return;
    }
    const answer = { fp: this.fp, value, right: false, ...(result !== undefined ? { result } : {}) };
    answer.right = this.judge(answer).right;
    records.update(this.quiz.page, (record) => {
      record.answers[this.id] = answer;
    }, this.quiz);
    this.showFeedback(this.judge(answer));
  }

  async runPython() {
    this.checkButton.disabled = true;
    const py = await import("../python.js");
    const booting = !["ready", "busy"].includes(py.status().state);
    this.say(booting ? "Starting Python… (the first run takes a few seconds)" : "Running the code…", "hint");
    try {
      const answer = await py.run(this.fieldset.dataset.code, { scope: `check:${this.quiz.page}${this.id}`, cell: "check" });
      if (!answer.ok) {
        this.say(`The code raised an error, so it cannot check your guess:\n${answer.error}`, "hint");
        return null;
      }
      const number = answer.result === null ? null : parseNumber(answer.result);
      if (number === null) {
        this.say(`The code's last line gave ${answer.result ?? "nothing"}, not a number, so it cannot check your guess.`, "hint");
        return null;
      }
      return number;
    } catch (error) {
      this.say(`Python could not run the check (${error.message}). The other questions work without it.`, "hint");
      return null;
    } finally {
      this.checkButton.disabled = false;
    }
  }

  /** Whether a saved or new answer is right, and the words and explanations to show for it. */
  judge(answer) {
    const data = this.fieldset.dataset;
    const explains = (indices) => indices.map((index) => this.fieldset.querySelector(`.knobs-q__explain[data-choice="${index}"] .knobs-q__why`))
      .filter((node) => node && node.innerHTML.trim()).map((node) => node.innerHTML);
    if (this.type === "single") {
      const right = this.inputs[answer.value]?.hasAttribute("data-correct") ?? false;
      return { right, text: right ? "Right." : "Not right.",
        details: [...explains([answer.value]), ...(right ? this.questionExplain() : [])] };
    }
    if (this.type === "multiple") {
      const picked = new Set(answer.value);
      const correct = this.inputs.filter((input) => input.hasAttribute("data-correct")).map((input) => Number(input.value));
      const wrongPicks = [...picked].filter((index) => !correct.includes(index));
      const missed = correct.filter((index) => !picked.has(index)).length;
      const right = !wrongPicks.length && !missed;
      let text = `Right: all ${correct.length} right answers.`;
      if (!right) {
        const parts = [];
        if (wrongPicks.length) parts.push(`${wrongPicks.length} of your picks ${wrongPicks.length > 1 ? "are" : "is"} wrong`);
        if (missed) parts.push(`you missed ${missed} right answer${missed > 1 ? "s" : ""}`);
        text = `Not right: ${parts.join(", and ")}.`;
      }
      return { right, text, details: right ? [...explains([...picked]), ...this.questionExplain()] : explains(wrongPicks) };
    }
    const guess = parseNumber(answer.value);
    const tolerance = Number(data.tolerance || 0);
    const unit = this.fieldset.querySelector(".knobs-q__unit")?.textContent || "";
    const explain = this.questionExplain();
    if (this.type === "numeric") {
      const truth = Number(data.answer);
      const right = guess !== null && within(guess, truth, tolerance);
      const side = guess > truth ? "too high" : "too low";
      return { right, text: right ? `Right: ${formatNumber(truth)} ${unit}.` : `Not right: ${formatNumber(guess)} is ${side}.`,
        details: right ? explain : [] };
    }
    // run: Python's number is the truth
    const truth = answer.result;
    const right = guess !== null && typeof truth === "number" && within(guess, truth, tolerance);
    const text = `${right ? "Right" : "Not right"}: Python says ${formatNumber(truth)}${unit ? " " + unit : ""}; ` +
      `your guess was ${formatNumber(guess)}${tolerance ? ` (within ±${tolerance} counts)` : ""}.`;
    return { right, text, details: explain };
  }

  questionExplain() {
    // The question's own explanation is the answer box's content after its first paragraph (or list of choices).
    const box = this.answerBox.cloneNode(true);
    box.querySelector("summary")?.remove();
    box.querySelector(".knobs-q__explains")?.remove();
    const first = box.querySelector(":scope > p");
    if (first && (this.type === "numeric" || this.type === "run")) first.remove();
    return box.innerHTML.trim() ? [box.innerHTML] : [];
  }

  showFeedback(verdict, restored = false) {
    this.feedback.replaceChildren();
    this.fieldset.classList.remove("knobs-q--right", "knobs-q--wrong");
    if (this.retryButton) this.retryButton.hidden = true;
    if (!verdict) return;
    this.fieldset.classList.add(verdict.right ? "knobs-q--right" : "knobs-q--wrong");
    const head = element("p", { class: `knobs-feedback knobs-feedback--${verdict.right ? "right" : "wrong"}` });
    head.append(element("strong", { class: "knobs-mark" }, verdict.right ? "✓ " : "✗ "), verdict.text);
    if (restored) head.append(element("span", { class: "knobs-q__restored" }, " (your saved answer)"));
    this.feedback.append(head, ...verdict.details.map(fragment));
    if (!verdict.right && this.retryButton) this.retryButton.hidden = false;
    this.quiz.showScore();
  }

  say(text, kind) {
    this.feedback.replaceChildren(element("p", { class: `knobs-feedback knobs-feedback--${kind}` }, text));
  }

  retry() {
    records.update(this.quiz.page, (record) => {
      delete record.answers[this.id];
    }, this.quiz);
    this.restore();
    this.quiz.showScore();
    (this.inputs[0] || this.entry)?.focus();
  }

  saveScenario() {
    const value = this.entry.value;
    const revealed = this.answerBox.open || Boolean(this.saved()?.revealed);
    records.update(this.quiz.page, (record) => {
      record.answers[this.id] = { fp: this.fp, value, revealed };
    }, this.quiz);
  }
}

class Quiz {
  constructor(root) {
    this.root = root;
    this.id = root.dataset.knobsQuiz;
    this.page = records.pageOf(root);
    this.scoreLine = root.querySelector(":scope > .knobs-check__score");
    this.questions = [...root.querySelectorAll("fieldset.knobs-q")].map((fieldset) => new Question(fieldset, this));
    this.restore();
    records.showNotices(root, this.page);
    // Another widget reset or imported this page: show what is saved now.
    records.watch(root, (page, source) => source === records.RELOAD && (page === null || page === this.page) && this.restore());
  }

  restore() {
    for (const question of this.questions) question.restore();
    this.showScore();
  }

  showScore() {
    const graded = this.questions.filter((question) => GRADED.has(question.type));
    if (!graded.length || !this.scoreLine) return;
    const keys = graded.map((question) => `${question.id}:${question.fp}`);
    const { right, total } = records.score(this.page, keys);
    const answered = graded.filter((question) => typeof question.saved()?.right === "boolean").length;
    this.scoreLine.hidden = false;
    // The question labels count every question; say why the score counts fewer.
    const open = this.questions.length - graded.length;
    this.scoreLine.textContent = `Score on this quiz: ${right} of ${total} right` +
      (answered < total ? ` (${total - answered} not answered yet).` : ".") +
      (open ? ` ${open === 1 ? "The open question is" : `The ${open} open questions are`} not scored.` : "");
  }
}

export function mount(content) {
  return [...content.querySelectorAll("[data-knobs-quiz]")].map((root) => new Quiz(root));
}

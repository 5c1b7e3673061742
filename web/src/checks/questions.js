// What the page does with each question type: read the reader's answer from the type's HTML, put a saved one back,
// and judge it. The types themselves (their keys, their HTML, which ones are graded) are declared once in
// overrides/hooks/questions.py; the build writes the score keys of the graded questions into the page.
//
// TYPES[type]:
//   ask             said when Check is pressed with no answer
//   read(q)         the answer's value from the page, or null when there is none
//   show(q, saved)  put a saved answer back
//   judge(q, answer) → {right, text, details: [html…]}; a type without judge is not scored (scenario)
//   problem(value)  optional: why a value cannot be checked, or null
//   prepare(q, value) optional, async: more fields for the answer (run: Python's number); null stops the check
//   follow(q)       optional: listen to the type's own fields
// `q` is the quiz's Question (quiz.js): its fieldset, inputs, entry, answerBox, and say(), save(), check().

import { readNumber as parseNumber, pythonNumber, writeNumber } from "../numbers.js";
import { t } from "../words.js";

const SAVE_DELAY_MS = 400;

const EXAMPLE = `${formatNumber(350000)} / ${formatNumber(0.25)}`; // in the page's convention

/** A number as the quiz writes it: every digit, in the page's convention (350,000; 0.25; 350.000 in pt-BR). */
function formatNumber(value) {
  return writeNumber(value, 15);
}

function within(value, answer, tolerance) {
  return Math.abs(value - answer) <= tolerance + 1e-9 * Math.max(1, Math.abs(answer));
}

/** The explanations (HTML) the author gave for the choices at `indices`. */
function choiceExplains(q, indices) {
  return indices
    .map((index) => q.fieldset.querySelector(`.knobs-q__explain[data-choice="${index}"] .knobs-q__why`))
    .filter((node) => node && node.innerHTML.trim())
    .map((node) => node.innerHTML);
}

/** The question's own explanation (HTML), if it has one. */
function about(q) {
  const box = q.answerBox.querySelector(".knobs-q__about");
  return box && box.innerHTML.trim() ? [box.innerHTML] : [];
}

const choices = {
  show(q, saved) {
    const picked = new Set([].concat(saved.value));
    for (const input of q.inputs) input.checked = picked.has(Number(input.value));
  },
};

const single = {
  ...choices,
  ask: t("Pick an answer first."),
  read(q) {
    const picked = q.inputs.find((input) => input.checked);
    return picked ? Number(picked.value) : null;
  },
  judge(q, answer) {
    const right = q.inputs[answer.value]?.hasAttribute("data-correct") ?? false;
    return {
      right,
      text: right ? t("Right.") : t("Not right."),
      details: [...choiceExplains(q, [answer.value]), ...(right ? about(q) : [])],
    };
  },
};

const multiple = {
  ...choices,
  ask: t("Pick at least one answer first."),
  read(q) {
    const picked = q.inputs.filter((input) => input.checked).map((input) => Number(input.value));
    return picked.length ? picked : null;
  },
  judge(q, answer) {
    const picked = new Set(answer.value);
    const correct = q.inputs.filter((input) => input.hasAttribute("data-correct")).map((input) => Number(input.value));
    const wrongPicks = [...picked].filter((index) => !correct.includes(index));
    const missed = correct.filter((index) => !picked.has(index)).length;
    const right = !wrongPicks.length && !missed;
    let text = t("Right: all {count} right answers.", { count: correct.length });
    if (!right) {
      const parts = [];
      if (wrongPicks.length === 1) parts.push(t("1 of your picks is wrong"));
      if (wrongPicks.length > 1) parts.push(t("{count} of your picks are wrong", { count: wrongPicks.length }));
      if (missed === 1) parts.push(t("you missed 1 right answer"));
      if (missed > 1) parts.push(t("you missed {count} right answers", { count: missed }));
      text = t("Not right: {reasons}.", { reasons: parts.join(t(", and ")) });
    }
    return {
      right,
      text,
      details: right ? [...choiceExplains(q, [...picked]), ...about(q)] : choiceExplains(q, wrongPicks),
    };
  },
};

const typed = {
  read: (q) => q.entry.value.trim() || null,
  show(q, saved) {
    if (typeof saved.value === "string") q.entry.value = saved.value;
  },
};

const number = {
  ...typed,
  problem: (value) =>
    parseNumber(value) === null
      ? t("“{value}” is not a number: type digits, e.g. {example}.", { value, example: EXAMPLE })
      : null,
  follow(q) {
    q.entry.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        q.check();
      }
    });
  },
};

function unitOf(q) {
  return q.fieldset.querySelector(".knobs-q__unit")?.textContent || "";
}

const numeric = {
  ...number,
  ask: t("Type a number first."),
  judge(q, answer) {
    const guess = parseNumber(answer.value);
    const truth = Number(q.fieldset.dataset.answer);
    const right = guess !== null && within(guess, truth, Number(q.fieldset.dataset.tolerance || 0));
    return {
      right,
      text: right
        ? t("Right: {answer} {unit}.", { answer: formatNumber(truth), unit: unitOf(q) })
        : guess > truth
          ? t("Not right: {guess} is too high.", { guess: formatNumber(guess) })
          : t("Not right: {guess} is too low.", { guess: formatNumber(guess) }),
      details: right ? about(q) : [],
    };
  },
};

const run = {
  ...number,
  ask: t("Type your guess first, then run the code to check it."),
  /** Run the question's code in the page's Python: its last line's number is the truth. */
  async prepare(q) {
    q.checkButton.disabled = true;
    const py = await import("../python.js");
    const booting = !["ready", "busy"].includes(py.status().state);
    q.say(booting ? t("Starting Python… (the first run takes a few seconds)") : t("Running the code…"), "hint");
    try {
      const answer = await py.run(q.fieldset.dataset.code, { scope: `check:${q.quiz.page}${q.id}`, cell: "check" });
      if (!answer.ok) {
        q.say(t("The code raised an error, so it cannot check your guess:\n{error}", { error: answer.error }), "hint");
        return null;
      }
      const result = answer.result === null ? null : pythonNumber(answer.result);
      if (result === null) {
        q.say(
          t("The code's last line gave {result}, not a number, so it cannot check your guess.", {
            result: answer.result ?? t("nothing"),
          }),
          "hint",
        );
        return null;
      }
      return { result };
    } catch (error) {
      q.say(
        t("Python could not run the check ({reason}). The other questions work without it.", { reason: error.message }),
        "hint",
      );
      return null;
    } finally {
      q.checkButton.disabled = false;
    }
  },
  judge(q, answer) {
    const guess = parseNumber(answer.value);
    const truth = answer.result;
    const tolerance = Number(q.fieldset.dataset.tolerance || 0);
    const unit = unitOf(q);
    const right = guess !== null && typeof truth === "number" && within(guess, truth, tolerance);
    const values = { answer: formatNumber(truth) + (unit ? " " + unit : ""), guess: formatNumber(guess), tolerance };
    const text =
      (right
        ? t("Right: Python says {answer}; your guess was {guess}", values)
        : t("Not right: Python says {answer}; your guess was {guess}", values)) +
      (tolerance ? t(" (within ±{tolerance} counts)", values) : "") +
      ".";
    return { right, text, details: about(q) };
  },
};

/** Not scored: the reader writes an answer (saved as they type), then opens the model answer (remembered). */
const scenario = {
  ...typed,
  show(q, saved) {
    typed.show(q, saved);
    if (saved.revealed) q.answerBox.open = true;
  },
  follow(q) {
    const save = () =>
      q.save({ fp: q.fp, value: q.entry.value, revealed: q.answerBox.open || Boolean(q.saved()?.revealed) });
    let timer;
    q.entry.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(save, SAVE_DELAY_MS);
    });
    q.answerBox.addEventListener("toggle", () => q.answerBox.open && save());
  },
};

export const TYPES = { single, multiple, numeric, scenario, run };

// Concept matching: "tap a concept, then its definition". Buttons all the way, so Tab + Enter/Space work as well as
// a tap. A right pair locks both buttons (✓ and the concept's name, never colour alone); a wrong pair says which
// concept the chosen definition belongs to. Matched pairs and the number of wrong tries are saved.

import * as records from "./record.js";
import { t } from "../words.js";

const { element } = records;

function label(button) {
  return button.querySelector(".knobs-match__text")?.textContent ?? button.textContent;
}

class Match extends records.SavedBlock {
  constructor(root) {
    super(root, root.dataset.knobsMatch);
    this.concepts = [...root.querySelectorAll(".knobs-match__concept")];
    this.definitions = [...root.querySelectorAll(".knobs-match__definition")];
    this.feedback = root.querySelector(".knobs-match__feedback");
    this.scoreLine = root.querySelector(".knobs-check__score");
    this.resetButton = root.querySelector(".knobs-match__reset");
    this.selected = null;
    root.querySelector(".knobs-match__how").hidden = false;
    this.resetButton.hidden = false;
    for (const button of [...this.concepts, ...this.definitions]) {
      const text = element("span", { class: "knobs-match__text" });
      text.append(...button.childNodes);
      button.append(text, element("span", { class: "knobs-match__state" }));
    }
    for (const button of this.concepts) {
      button.setAttribute("aria-pressed", "false");
      button.addEventListener("click", () => this.pick(button));
    }
    for (const button of this.definitions) button.addEventListener("click", () => this.answer(button));
    this.resetButton.addEventListener("click", () => this.reset());
    this.follow();
  }

  saved() {
    return records.entry(records.load(this.page).matches[this.id], this.fp) || { fp: this.fp, matched: [], wrong: 0 };
  }

  restore() {
    const saved = this.saved();
    const matched = new Set(saved.matched);
    this.select(null);
    for (const button of [...this.concepts, ...this.definitions]) {
      const pair = Number(button.dataset.pair);
      const done = matched.has(pair);
      button.disabled = done;
      button.classList.toggle("knobs-match__item--done", done);
      const concept = this.concepts.find((item) => Number(item.dataset.pair) === pair);
      button.querySelector(".knobs-match__state").textContent = !done
        ? ""
        : button.classList.contains("knobs-match__concept")
          ? t(" ✓ matched")
          : ` ✓ ${label(concept)}`;
    }
    this.feedback.replaceChildren();
    this.showScore(saved);
  }

  showScore(saved) {
    const total = this.concepts.length;
    const count = saved.matched.length;
    const tries =
      saved.wrong === 1 ? t(", 1 wrong try") : saved.wrong ? t(", {count} wrong tries", { count: saved.wrong }) : "";
    this.scoreLine.hidden = false;
    this.scoreLine.textContent =
      count === total
        ? t("✓ All {total} pairs matched{tries}.", { total, tries })
        : t("{count} of {total} pairs matched{tries}.", { count, total, tries });
  }

  select(button) {
    this.selected = button;
    for (const concept of this.concepts) concept.setAttribute("aria-pressed", String(concept === button));
  }

  say(kind, mark, text, explainHtml = "") {
    const line = element("p", { class: `knobs-feedback knobs-feedback--${kind}` });
    if (mark) line.append(element("strong", { class: "knobs-mark" }, mark));
    line.append(text);
    const parts = [line];
    if (explainHtml) {
      const why = element("div", { class: "knobs-q__why" });
      why.innerHTML = explainHtml;
      parts.push(why);
    }
    this.feedback.replaceChildren(...parts);
  }

  pick(button) {
    this.select(button);
    this.say("hint", "", t("“{concept}” picked: now pick its definition.", { concept: label(button) }));
  }

  answer(definition) {
    if (!this.selected) {
      this.say("hint", "", t("Pick a concept first, then its definition."));
      return;
    }
    const concept = this.selected;
    const pair = Number(definition.dataset.pair);
    const saved = this.saved();
    if (Number(concept.dataset.pair) === pair) {
      const next = { fp: this.fp, matched: [...saved.matched, pair], wrong: saved.wrong };
      records.update(
        this.page,
        (record) => {
          record.matches[this.id] = next;
        },
        this,
      );
      this.restore();
      const pairText = t("Right: “{concept}” — {definition}", {
        concept: label(concept),
        definition: label(definition),
      });
      this.say("right", "✓ ", pairText, definition.dataset.explain || "");
      const open = this.concepts.find((item) => !item.disabled);
      (open || this.resetButton).focus();
    } else {
      const owner = this.concepts.find((item) => Number(item.dataset.pair) === pair);
      const next = { fp: this.fp, matched: saved.matched, wrong: saved.wrong + 1 };
      records.update(
        this.page,
        (record) => {
          record.matches[this.id] = next;
        },
        this,
      );
      this.showScore(next);
      this.select(null);
      this.say(
        "wrong",
        "✗ ",
        t(
          "Not a pair: “{definition}” is not what “{concept}” means — it describes “{owner}”. Pick a concept and try again.",
          {
            definition: label(definition),
            concept: label(concept),
            owner: label(owner),
          },
        ),
      );
      concept.focus();
    }
  }

  reset() {
    records.update(
      this.page,
      (record) => {
        delete record.matches[this.id];
      },
      this,
    );
    this.restore();
    this.say("hint", "", t("Matching started again."));
    this.concepts[0].focus();
  }
}

export function mount(content) {
  return [...content.querySelectorAll("[data-knobs-match]")].map((root) => new Match(root));
}

// Flip cards: each card is a <details> (front in the summary, back inside), so it opens with a click, Enter or
// Space even before this script runs. The script counts the cards opened ("3 of 9 opened") and saves which ones.

import * as records from "./record.js";
import { t } from "../words.js";

class Cards extends records.SavedBlock {
  constructor(root) {
    super(root, root.dataset.knobsCards);
    this.cards = [...root.querySelectorAll(".knobs-card")];
    this.count = root.querySelector(".knobs-cards__count");
    this.resetButton = root.querySelector(".knobs-cards__reset");
    this.count.hidden = false;
    this.resetButton.hidden = false;
    for (const card of this.cards) card.addEventListener("toggle", () => card.open && this.opened(card));
    this.resetButton.addEventListener("click", () => this.reset());
    this.follow();
  }

  openedSet() {
    const saved = records.entry(records.load(this.page).cards[this.id], this.fp);
    return new Set(
      saved && Array.isArray(saved.opened) ? saved.opened.filter((index) => index < this.cards.length) : [],
    );
  }

  restore() {
    const opened = this.openedSet();
    for (const card of this.cards) {
      const seen = opened.has(Number(card.dataset.card));
      card.classList.toggle("knobs-card--seen", seen);
      if (!seen) card.open = false;
    }
    this.showCount(opened);
  }

  showCount(opened) {
    this.count.textContent = t("{opened} of {total} opened", { opened: opened.size, total: this.cards.length });
  }

  opened(card) {
    const opened = this.openedSet();
    opened.add(Number(card.dataset.card));
    card.classList.add("knobs-card--seen");
    records.update(
      this.page,
      (record) => {
        record.cards[this.id] = { fp: this.fp, opened: [...opened].sort((a, b) => a - b) };
      },
      this,
    );
    this.showCount(opened);
  }

  reset() {
    for (const card of this.cards) card.open = false;
    records.update(
      this.page,
      (record) => {
        delete record.cards[this.id];
      },
      this,
    );
    this.restore();
  }
}

export function mount(content) {
  return [...content.querySelectorAll("[data-knobs-cards]")].map((root) => new Cards(root));
}

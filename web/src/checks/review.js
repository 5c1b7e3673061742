// Review on the practice page: the build lists every lesson's graded questions and flash cards (review.py); this
// module decides which few to show and in what order, and keeps the flash cards' schedule. The questions themselves
// are quizzes (quiz.js) bound to their lesson's record, so an answer here is the reader's answer on that lesson.
//
// The order, decided in one place (rank): questions answered wrong and cards due again first, oldest first; then
// items never seen; then the rest, the ones seen longest ago (or due soonest) first. SET_SIZE are shown at a time.
// Cards follow a Leitner schedule: "Got it" moves a card up one box, "Again" back to box 1; a card in box n is due
// DUE_AFTER_DAYS[n - 1] days after it was marked. Saved in the lesson's record as
//   review: { "<cards id>.<card index>": {fp, box, due: <ms since 1970>} }
// so a lesson's reset clears it and the progress export carries it.

import * as records from "./record.js";
import { t } from "../words.js";

export const SET_SIZE = 5;
export const DUE_AFTER_DAYS = [0, 1, 3, 7, 14]; // box 1 … box 5
const DAY_MS = 24 * 60 * 60 * 1000;

/** The box a card moves to: one up on "Got it" (at most the last), back to the first on "Again". */
export function nextBox(box, gotIt) {
  return gotIt ? Math.min(box + 1, DUE_AFTER_DAYS.length) : 1;
}

class Item {
  constructor(root) {
    this.root = root;
    this.page = root.dataset.reviewPage;
    this.kind = root.dataset.reviewKind;
    [this.key, this.fp] = root.dataset.reviewKey.split(":");
  }

  /** What the reader's record says about this item: {seen, wrong, at} (`at`: when answered, or when due). */
  state() {
    const record = records.load(this.page);
    if (this.kind === "card") {
      const saved = records.entry(record.review?.[this.key], this.fp);
      return saved ? { seen: true, wrong: saved.due <= Date.now(), at: saved.due } : { seen: false };
    }
    const saved = records.entry(record.answers[this.key], this.fp);
    if (!saved || typeof saved.right !== "boolean") return { seen: false };
    return { seen: true, wrong: !saved.right, at: saved.at ?? record.updated };
  }

  /** Sort key: [group, time]; smaller comes first. */
  rank() {
    const { seen, wrong, at } = this.state();
    if (!seen) return [1, 0];
    return [wrong ? 0 : 2, at || 0];
  }
}

class Card extends Item {
  constructor(root) {
    super(root);
    this.dueLine = root.querySelector(".knobs-review__due");
    for (const [selector, gotIt] of [
      [".knobs-review__again", false],
      [".knobs-review__got", true],
    ]) {
      const button = root.querySelector(selector);
      button.hidden = false;
      button.addEventListener("click", () => this.mark(gotIt));
    }
  }

  mark(gotIt) {
    let due = 0;
    records.update(this.page, (record) => {
      record.review = record.review || {};
      const saved = records.entry(record.review[this.key], this.fp);
      const box = nextBox(saved ? saved.box : 1, gotIt);
      due = Date.now() + DUE_AFTER_DAYS[box - 1] * DAY_MS;
      record.review[this.key] = { fp: this.fp, box, due };
    });
    const days = Math.round((due - Date.now()) / DAY_MS);
    this.dueLine.textContent =
      days === 1 ? t("Back in 1 day.") : days ? t("Back in {days} days.", { days }) : t("Back later today.");
  }
}

class Review {
  constructor(root) {
    this.root = root;
    this.list = root.querySelector(".knobs-review__list");
    this.status = root.querySelector(".knobs-review__status");
    this.nextButton = root.querySelector(".knobs-review__next");
    this.items = [...this.list.children].map((li) => (li.dataset.reviewKind === "card" ? new Card(li) : new Item(li)));
    this.start = 0;
    this.nextButton.hidden = this.items.length <= SET_SIZE;
    this.nextButton.addEventListener("click", () => this.next());
    this.order();
  }

  /** Put the items in review order (see the top of this file) and show the first set. */
  order() {
    const ranked = this.items.map((item) => ({ item, rank: item.rank() }));
    ranked.sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1]);
    this.items = ranked.map(({ item }) => item);
    this.list.append(...this.items.map((item) => item.root));
    this.start = 0;
    this.show();
  }

  show() {
    this.items.forEach((item, index) => {
      item.root.hidden = index < this.start || index >= this.start + SET_SIZE;
    });
    const last = Math.min(this.start + SET_SIZE, this.items.length);
    this.status.textContent = t("Showing {first}–{last} of {total}.", {
      first: this.start + 1,
      last,
      total: this.items.length,
    });
  }

  /** The next few; after the last set, order again from what the reader has done since. */
  next() {
    if (this.start + SET_SIZE >= this.items.length) {
      this.order();
    } else {
      this.start += SET_SIZE;
      this.show();
    }
    this.list
      .querySelector(".knobs-review__item:not([hidden]) input, .knobs-review__item:not([hidden]) summary")
      ?.focus();
  }
}

export function mount(content) {
  return [...content.querySelectorAll("[data-knobs-review]")].map((root) => new Review(root));
}

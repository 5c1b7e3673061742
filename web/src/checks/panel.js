// The end of a page with checks: the reader's score on the page, "Start this page again" and, on lessons,
// "Mark this lesson complete" (which the navigation and the progress page show with a ✓).

import * as records from "./record.js";
import { t } from "../words.js";

class Panel {
  constructor(root) {
    this.root = root;
    this.page = records.pageOf(root);
    this.keys = records.scoreKeys(root);
    this.scoreLine = root.querySelector(".knobs-panel__score");
    this.complete = root.querySelector("#knobs-complete");
    this.status = root.querySelector(".knobs-panel__status");
    this.resetButton = root.querySelector(".knobs-panel__reset");
    root.hidden = false;
    if (this.complete) this.complete.addEventListener("change", () => this.mark(this.complete.checked));
    this.resetButton.addEventListener("click", () =>
      records.confirmInline(this.resetButton, t("Clear every answer on this page?"), t("Yes, clear them"), () =>
        this.reset(),
      ),
    );
    this.show();
    records.showNotices(root, this.page);
    records.watch(root, (page) => (page === null || page === this.page) && this.show());
  }

  show() {
    const record = records.load(this.page);
    if (this.keys.length) {
      const { right, total } = records.score(this.page, this.keys);
      this.scoreLine.textContent = t("Your score on this page: {right} of {total} questions right.", { right, total });
    } else {
      this.scoreLine.textContent = "";
    }
    if (this.complete) {
      this.complete.checked = Boolean(record.complete);
      this.root.classList.toggle("knobs-panel--complete", Boolean(record.complete));
    }
  }

  mark(done) {
    records.update(
      this.page,
      (record) => {
        record.complete = done;
      },
      this,
    );
    this.status.textContent = done
      ? t("✓ Lesson completed: the navigation and the progress page show it.")
      : t("Marked as not completed.");
  }

  reset() {
    records.resetPage(this.page);
    if (this.status) this.status.textContent = "";
    this.scoreLine.textContent = t("Your answers on this page were cleared. ") + this.scoreLine.textContent;
  }
}

export function mount(content) {
  return [...content.querySelectorAll("[data-knobs-panel]")].map((root) => new Panel(root));
}

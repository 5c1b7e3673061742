// The progress page: every lesson with the reader's score and whether it is complete (rows written by the build
// hook, filled in here), plus Export (a JSON file), Import (that file, checked before anything is replaced) and
// "Reset everything" (after a confirmation).

import * as records from "./record.js";
import { sitePath } from "../site.js";
import { t } from "../words.js";

const { element } = records;

class Progress {
  constructor(root) {
    this.root = root;
    this.rows = [...root.querySelectorAll("tr[data-page]")];
    const bar = element("div", { class: "knobs-q__bar knobs-progress__actions" });
    this.exportButton = element("button", { type: "button", class: "knobs-button" }, t("Export progress (JSON file)"));
    const importId = "knobs-progress-import";
    this.importInput = element("input", {
      type: "file",
      id: importId,
      accept: "application/json,.json",
      class: "knobs-sr-only",
    });
    const importLabel = element(
      "label",
      { for: importId, class: "knobs-button knobs-progress__import" },
      t("Import progress…"),
    );
    this.resetButton = element("button", { type: "button", class: "knobs-button" }, t("Reset everything"));
    bar.append(this.exportButton, this.importInput, importLabel, this.resetButton);
    this.status = element("p", { class: "knobs-progress__status", role: "status" });
    root.append(bar, this.status);
    this.exportButton.addEventListener("click", () => this.exportFile());
    this.importInput.addEventListener("change", () => this.importFile());
    this.resetButton.addEventListener("click", () =>
      records.confirmInline(
        this.resetButton,
        t("Erase every answer and completed lesson saved in this browser?"),
        t("Yes, erase everything"),
        () => this.reset(),
      ),
    );
    this.show();
    const notices = records.pages().flatMap((page) => records.noticesFor(page));
    if (notices.length) this.say(`⚠ ${[...new Set(notices)].join(" ")}`);
    records.watch(root, () => this.show());
  }

  show() {
    let done = 0;
    for (const row of this.rows) {
      const page = row.dataset.page;
      const record = records.load(page);
      const { right, total } = records.score(page, records.scoreKeys(row));
      const scoreCell = row.querySelector(".knobs-progress__score");
      const doneCell = row.querySelector(".knobs-progress__done");
      scoreCell.textContent = total ? t("{right} of {total} right", { right, total }) : t("no questions");
      if (row.dataset.lesson === "1") {
        doneCell.textContent = record.complete ? t("✓ Completed") : t("Not yet");
        done += record.complete ? 1 : 0;
      }
      row.classList.toggle("knobs-progress__row--complete", Boolean(record.complete));
    }
    const lessons = this.rows.filter((row) => row.dataset.lesson === "1").length;
    this.root.dataset.completed = String(done);
    this.root.querySelector("caption")?.remove();
    const caption = element("caption", {}, t("{done} of {lessons} lessons completed", { done, lessons }));
    this.root.querySelector("table")?.prepend(caption);
  }

  say(text) {
    this.status.textContent = text;
  }

  exportFile() {
    const data = records.exportAll(sitePath);
    const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
    const link = element("a", { href: URL.createObjectURL(blob), download: "knobs-progress.json" });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    const count = Object.keys(data.pages).length;
    const file = "knobs-progress.json";
    this.say(
      count === 1
        ? t("Exported the progress of 1 page to {file}.", { file })
        : t("Exported the progress of {count} pages to {file}.", { count, file }),
    );
  }

  async importFile() {
    const file = this.importInput.files[0];
    if (!file) return;
    try {
      const count = records.importAll(await file.text());
      this.say(
        count === 1
          ? t("✓ Imported the progress of 1 page from {file}.", { file: file.name })
          : t("✓ Imported the progress of {count} pages from {file}.", { count, file: file.name }),
      );
    } catch (error) {
      this.say(t("✗ Nothing was imported: {reason}.", { reason: error.message }));
    } finally {
      this.importInput.value = "";
    }
  }

  reset() {
    records.resetAll();
    this.say(t("Everything was erased: answers, scores and completed lessons."));
  }
}

export function mount(content) {
  return [...content.querySelectorAll("[data-knobs-progress]")].map((root) => new Progress(root));
}

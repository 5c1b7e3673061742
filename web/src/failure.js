// A widget that cannot start says so in its own place on the page and logs why; the rest of the page and Python go
// on without it.

import { t } from "./words.js";

/** Tell the reader that the `what` ("lab", "quiz", …) at `root` could not start. The message goes into `status`
 * (an element of the widget that speaks to the reader) if given, else into a note at the top of the widget. */
export function couldNotStart(root, what, error, status = null) {
  console.error(`a ${what} could not start`, error);
  const text = t("This {what} could not start: {reason}", { what, reason: (error && error.message) || error });
  let note = status;
  if (!note) {
    note = root.querySelector(":scope > .knobs-failure") || document.createElement("p");
    note.className = "knobs-failure";
    note.setAttribute("role", "alert");
    root.prepend(note);
  }
  note.textContent = text;
  note.dataset.kind = "error";
}

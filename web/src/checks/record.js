// What a reader has done on each page: answers, matched pairs, opened cards, "complete". One record per page,
// saved through storage.js under "checks:<page url>" (e.g. "checks:lessons/01-what-is-a-model/"), so resetting a
// page, exporting and importing are one record each. Every widget of a page shares the same in-memory record, which
// is also the only copy for this visit where the browser does not let the site store anything.
//
// A record:
//   { answers: { "<quiz id>.<question id>": {fp, value, right, at?, result?, revealed?} },
//     matches: { "<match id>": {fp, matched: [pair index…], wrong} },
//     cards:   { "<cards id>": {fp, opened: [card index…]} },
//     review:  { "<cards id>.<card index>": {fp, box, due} }   (optional: the flash cards' schedule, review.js)
//     complete: false, updated: <ms since 1970> }
// `fp` is the fingerprint of the question as built: a saved answer to a question that has since changed is ignored.
// The build lists the graded questions of a quiz, a page or a progress row as score keys "<answer key>:<fp>"
// (data-questions, written by overrides/hooks/questions.py); score() reads them.

import * as storage from "../storage.js";
import { t } from "../words.js";

export const EXPORT_FORMAT = "knobs-progress";
export const EXPORT_VERSION = 1;
const PREFIX = "checks:";
const PAGE = /^[A-Za-z0-9._~\-/]*$/; // a page url as MkDocs writes it: "lessons/01-what-is-a-model/"

/** The source of a change that replaced saved work (reset, import): widgets show the record again. */
export const RELOAD = "reload";

const memory = new Map(); // page → record, shared by the widgets of the whole visit
const listeners = new Set();
const notices = new Map(); // page → texts about its saved data, shown on that page
let reading = null; // the page whose record storage.js is reading (for its notices)

storage.onNotice((text) => {
  const page = reading ?? "";
  notices.set(page, [...(notices.get(page) || []), text]);
});

function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether `value` has the shape of a record (unknown extra fields are kept; wrong types are not). */
export function isRecord(value) {
  return (
    isObject(value) &&
    ["answers", "matches", "cards", "review"].every((part) => value[part] === undefined || isObject(value[part])) &&
    (value.complete === undefined || typeof value.complete === "boolean")
  );
}

export function emptyRecord() {
  return { answers: {}, matches: {}, cards: {}, complete: false, updated: 0 };
}

function normalise(value) {
  return {
    ...emptyRecord(),
    ...value,
    answers: { ...value.answers },
    matches: { ...value.matches },
    cards: { ...value.cards },
  };
}

/** The record of `page` (the same object for every widget of the visit). */
export function load(page) {
  if (!memory.has(page)) {
    reading = page;
    const saved = storage.read(PREFIX + page, null, isRecord);
    reading = null;
    memory.set(page, saved ? normalise(saved) : emptyRecord());
  }
  return memory.get(page);
}

/** Change the record of `page` with `change(record)`, save it and tell every widget. */
export function update(page, change, source = null) {
  const record = load(page);
  change(record);
  record.updated = Date.now();
  save(page, record);
  emit(page, source);
}

function save(page, record) {
  storage.write(PREFIX + page, record);
}

function emit(page, source = null) {
  for (const listener of [...listeners]) listener(page, source);
}

/**
 * Call `listener(page, source)` after any record changes (page null: every page; source: who changed it), as long as `root` is in the document (with instant navigation,
 * the widgets of a page that was left are dropped the next time anything changes).
 */
export function watch(root, listener) {
  const wrapped = (page, source) => (root.isConnected ? listener(page, source) : listeners.delete(wrapped));
  listeners.add(wrapped);
}

/** Texts the reader should see on `page` about saving: storage unavailable, or saved data that was set aside. */
export function noticesFor(page) {
  const texts = [...(notices.get(page) || [])];
  if (!storage.available) {
    texts.unshift(
      t(
        "Your answers won't be saved: this browser does not let the site store data (private mode or blocked storage). They are kept only until you reload or close this page.",
      ),
    );
  }
  return texts;
}

/** Put the notices for `page` at the top of a widget's `root` (once). */
export function showNotices(root, page) {
  const texts = noticesFor(page);
  let line = root.querySelector(":scope > .knobs-check__notice");
  if (!texts.length) {
    if (line) line.textContent = "";
    return;
  }
  if (!line) {
    line = document.createElement("p");
    line.className = "knobs-check__notice";
    line.setAttribute("role", "status");
    root.prepend(line);
  }
  line.textContent = `⚠ ${texts.join(" ")}`;
}

/** A saved entry, if it was saved for the same version of the question (`fp`). */
export function entry(part, fp) {
  return part && isObject(part) && part.fp === fp ? part : null;
}

/** The score keys of the graded questions a widget counts, as the build wrote them: "quiz.question:fp" each. */
export function scoreKeys(root) {
  return (root.dataset.questions || "").split(" ").filter(Boolean);
}

/** {right, answered, total} for the graded questions listed as score keys. */
export function score(page, keys) {
  const record = load(page);
  let right = 0;
  let answered = 0;
  for (const key of keys) {
    const [id, fp] = key.split(":");
    const saved = entry(record.answers[id], fp);
    if (saved && typeof saved.right === "boolean") answered++;
    if (saved && saved.right === true) right++;
  }
  return { right, answered, total: keys.length };
}

/** Every page with a saved record (or one made this visit). */
export function pages() {
  const found = new Set(memory.keys());
  for (const name of storage.names(PREFIX)) found.add(name.slice(PREFIX.length));
  return [...found].filter((page) => PAGE.test(page));
}

/** Forget what the reader did on `page`. */
export function resetPage(page) {
  memory.set(page, emptyRecord());
  storage.remove(PREFIX + page);
  emit(page, RELOAD);
}

/** Forget everything, on every page. */
export function resetAll() {
  for (const page of pages()) {
    memory.set(page, emptyRecord());
    storage.remove(PREFIX + page);
  }
  emit(null, RELOAD);
}

/** Everything the reader did, as a JSON-ready object (what the progress page's Export saves). */
export function exportAll(sitePath) {
  const all = {};
  for (const page of pages()) {
    const record = load(page);
    if (record.updated || record.complete) all[page] = record;
  }
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    site: sitePath,
    exported: new Date().toISOString(),
    pages: all,
  };
}

/** Read an exported file's text; replace the records of the pages it holds. Throws an Error saying what is wrong. */
export function importAll(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(t("this file is not JSON"));
  }
  if (!isObject(data) || data.format !== EXPORT_FORMAT) throw new Error(t("this file is not a Knobs progress export"));
  if (data.version !== EXPORT_VERSION)
    throw new Error(
      t("this file has format version {found}; this site reads version {wanted}", {
        found: data.version,
        wanted: EXPORT_VERSION,
      }),
    );
  if (!isObject(data.pages)) throw new Error(t("the file has no list of pages"));
  const bad = Object.entries(data.pages).find(([page, record]) => !PAGE.test(page) || !isRecord(record));
  if (bad) throw new Error(t("the saved progress of “{page}” is damaged", { page: bad[0].slice(0, 80) }));
  for (const [page, record] of Object.entries(data.pages)) {
    const clean = normalise(record);
    memory.set(page, clean);
    save(page, clean);
  }
  emit(null, RELOAD);
  return Object.keys(data.pages).length;
}

/** The page url a widget belongs to (written by the build hook). */
export function pageOf(root) {
  return root.dataset.knobsLesson || root.dataset.knobsPanel || "";
}

/** What every check widget has: its block's id, the fingerprint of its content, and its page. */
export class SavedBlock {
  constructor(root, id) {
    this.root = root;
    this.id = id;
    this.fp = root.dataset.fp;
    this.page = pageOf(root);
  }

  /** Show what is saved (the widget's restore()) now and whenever a reset or an import replaces it; and notices. */
  follow() {
    this.restore();
    showNotices(this.root, this.page);
    watch(this.root, (page, source) => source === RELOAD && (page === null || page === this.page) && this.restore());
  }
}

/** Make a DOM element. */
export function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

/**
 * Ask "are you sure?" in the page, next to `button`: Yes runs `action`. Keyboard focus moves to Cancel (the safe
 * choice) and comes back to `button` afterwards.
 */
export function confirmInline(button, question, yesLabel, action) {
  const next = button.nextElementSibling;
  if (next && next.classList.contains("knobs-confirm")) return;
  const box = element("span", { class: "knobs-confirm", role: "group", "aria-label": question });
  const yes = element("button", { type: "button", class: "knobs-button knobs-confirm__yes" }, yesLabel);
  const no = element("button", { type: "button", class: "knobs-button" }, t("Cancel"));
  box.append(element("span", {}, question), " ", yes, " ", no);
  button.after(box);
  const close = () => {
    box.remove();
    button.focus();
  };
  yes.addEventListener("click", () => {
    close();
    action();
  });
  no.addEventListener("click", close);
  no.focus();
}

// The reader's language for every string a widget writes. English is the key: t("▶ Run") returns the page
// language's translation from the catalogue the build put into the page (overrides/hooks/words.py → i18n/<lang>.yml),
// or the English text on an English page. "{name}" placeholders are filled from `values`.
// A language switch is always a full page load (web/src/languages.js), so the table read here stays right for the
// whole life of this module.

// A script element: a check block with the id "x" makes an element "knobs-x" too. Outside a page (node, in the
// tests that import a widget's logic) there is no document: English.
const node = globalThis.document?.querySelector("script#knobs-catalogue");
const table = node ? JSON.parse(node.textContent) : {};

/** The page's language ("en", "es", "pt"), from <html lang>. */
export const language = (globalThis.document?.documentElement.lang || "en").slice(0, 2);

/** `text` in the page's language, with {placeholders} filled in. */
export function t(text, values = {}) {
  const said = Object.hasOwn(table, text) ? table[text] : text;
  return said.replace(/\{(\w+)\}/g, (whole, name) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}

/** The whole table (Python's messages in the worker are looked up in it). */
export function entries() {
  return table;
}

// The reader's language, as a tag Intl accepts. Some engines report one it rejects (WebKitGTK under the C.UTF-8
// locale says "C"), and a library that formats numbers with it throws as it loads: uPlot builds its number format
// from navigator.language when its module is evaluated, so a lab's chart could never start.

const FALLBACK = "en-US"; // the course is written in US English: its numbers read 350,000.5

function accepted(tag) {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** The reader's language tag if Intl accepts it, else FALLBACK. */
export const readerLocale = accepted(navigator.language) ? navigator.language : FALLBACK;

// Libraries read navigator.language themselves, so the page's navigator gets the checked tag in place of a bad one.
// app.js imports this module first, before any widget (and its libraries) loads.
if (readerLocale !== navigator.language) {
  const languages = [readerLocale, ...(navigator.languages || []).filter(accepted)];
  Object.defineProperty(navigator, "language", { value: readerLocale, configurable: true });
  Object.defineProperty(navigator, "languages", { value: Object.freeze([...new Set(languages)]), configurable: true });
}

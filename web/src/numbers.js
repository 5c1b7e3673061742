// How the page reads a number the reader types and writes a number for the reader: in the page's language, the one
// place either is done. The language's number locale is declared once, in mkdocs.yml (extra.number_locale, set per
// language in the i18n plugin's settings), and the build writes it into the page (<meta name="knobs:number-locale">).
// What Python prints is Python's own writing (1234.5) and stays so: only widgets speak the reader's convention.

const meta = globalThis.document?.querySelector('meta[name="knobs:number-locale"]');

/** The page's number locale, e.g. "en-US", "es-419", "pt-BR" (outside a page, as in node: "en-US"). */
export const locale = meta?.getAttribute("content") || "en-US";

/** The decimal and group marks of `locale`: {decimal: ".", group: ","} for en-US, {",", "."} for pt-BR. */
export function marks(inLocale = locale) {
  const parts = new Intl.NumberFormat(inLocale).formatToParts(12345.5);
  return {
    decimal: parts.find((part) => part.type === "decimal").value,
    group: parts.find((part) => part.type === "group")?.value ?? "",
  };
}

/** The digits of a whole part written with the group mark `mark` ("1,234,567"), or null if its groups are not a
 *  first group of 1–3 digits then groups of exactly 3. */
function ungroup(whole, mark) {
  const groups = mark ? whole.split(mark) : [whole];
  if (groups.length === 1) return whole;
  if (!/^\d{1,3}$/.test(groups[0]) || groups.slice(1).some((group) => !/^\d{3}$/.test(group))) return null;
  return groups.join("");
}

/** Which mark of `body` (digits, "." and ",") is the decimal mark: "", ".", or ",". */
function decimalMark(body, group) {
  const used = [".", ","].filter((mark) => body.includes(mark));
  if (used.length === 2) return body.lastIndexOf(".") > body.lastIndexOf(",") ? "." : ","; // 1,234.5 and 1.234,5
  if (used.length === 0) return "";
  const [mark] = used;
  const [before, after, ...more] = body.split(mark);
  if (more.length) return ""; // a mark written twice groups: 1,234,567
  const couldGroup = /^[1-9]\d{0,2}$/.test(before) && /^\d{3}$/.test(after);
  return couldGroup && mark === group ? "" : mark; // "2,500": the page's convention decides; "2,5": a decimal
}

/**
 * The number a reader typed, or null when `text` is not one number. Read in the page's convention, with what is
 * unambiguous read in any: "2,5" is 2.5 and "1,234.5" is 1234.5 everywhere; "2,500" is 2500 where the comma groups
 * thousands (en-US, es-419) and 2.5 where it is the decimal mark (pt-BR). Spaces and "_" between digits, a leading
 * currency sign, a Unicode minus and an exponent ("1e-3") are understood.
 */
export function readNumber(text, inLocale = locale) {
  const clean = String(text)
    .trim()
    .replace(/^([-+\u2212]?)\s*(?:R\$|US\$|[$€£])/, "$1")
    .replace(/^\u2212/, "-")
    .replace(/[\s_\u00a0\u202f]/g, "");
  const found = /^([-+]?)(\d[\d.,]*|[.,]\d+)(?:[eE]([-+]?\d+))?$/.exec(clean);
  if (!found) return null;
  const [, sign, body, exponent] = found;
  const decimal = decimalMark(body, marks(inLocale).group);
  const [whole, fraction = "", ...more] = decimal ? body.split(decimal) : [body];
  if (more.length || /[.,]/.test(fraction)) return null;
  const group = decimal === "." ? "," : decimal === "," ? "." : body.includes(",") ? "," : ".";
  const digits = whole === "" ? "0" : ungroup(whole, group);
  if (digits === null || /[.,]/.test(digits)) return null;
  const value = Number(`${sign}${digits}.${fraction || "0"}e${exponent || "0"}`);
  return Number.isFinite(value) ? value : null;
}

/** A number as Python writes it (its repr: 1234.5, 1e-05), or null: never read in the reader's convention. */
export function pythonNumber(text) {
  const clean = String(text).trim();
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(clean) ? Number(clean) : null;
}

/** The one number written in `text` ("about 2,5 s" → 2.5), or null when it has none or several. */
export function numberIn(text, inLocale = locale) {
  const found = String(text).match(
    /[-+−]?(?:R\$|US\$|[$€£])?\s?(?:\d[\d.,_\u00a0\u202f]*\d|\d|[.,]\d+)(?:[eE][-+]?\d+)?/g,
  );
  if (!found || found.length !== 1) return null;
  return readNumber(found[0], inLocale);
}

/** `value` with at most `digits` significant digits in the page's convention (1,234.5 / 1.234,5); very large or
 *  small numbers in exponent form; every digit of a whole number kept. */
export function writeNumber(value, digits = 4, inLocale = locale) {
  if (value === null || value === undefined) return "–";
  if (!Number.isFinite(value)) return String(value);
  const size = Math.abs(value);
  if (size !== 0 && (size >= 1e9 || size < 1e-4)) {
    return value.toExponential(digits - 1).replace(".", marks(inLocale).decimal);
  }
  const significant = Math.max(digits, Number.isInteger(value) ? String(Math.trunc(size)).length : 0);
  return new Intl.NumberFormat(inLocale, { maximumSignificantDigits: Math.min(significant, 21) }).format(value);
}

/** A whole number, thousands grouped: 1,234 (1.234 in pt-BR). */
export function writeCount(value, inLocale = locale) {
  return new Intl.NumberFormat(inLocale, { maximumFractionDigits: 0 }).format(Math.round(value));
}

/** A share (0–1) as a percentage with one decimal: 0.9875 → "98.8%" ("98,8%" in pt-BR). */
export function writePercent(share, inLocale = locale) {
  return new Intl.NumberFormat(inLocale, {
    style: "percent",
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(share);
}

// How a lab shows numbers to the reader, in one place so controls, read-outs and status lines agree.
// The course writes numbers one way (1,234.5) whatever the browser's language: lessons and labs must match.

const LOCALE = "en-US";

/** `digits` significant digits, thousands separated; very large or small numbers in exponent form. */
export function formatNumber(value, digits = 4) {
  if (value === null || value === undefined) return "–";
  if (!Number.isFinite(value)) return String(value);
  const size = Math.abs(value);
  if (size !== 0 && (size >= 1e9 || size < 1e-4)) return value.toExponential(digits - 1);
  return value.toLocaleString(LOCALE, { maximumSignificantDigits: digits });
}

/** A whole number, thousands separated: 1,234. */
export function count(value) {
  return Math.round(value).toLocaleString(LOCALE);
}

export function dollars(value) {
  return `$${count(value)}`;
}

/** A share (0–1) as a percentage with one decimal: 0.9875 → "98.8%". */
export function percent(share) {
  return `${(share * 100).toFixed(1)}%`;
}

/** A setting's value as its control shows it: a number with its unit ("150 $ per sq ft", "35°"), else the value. */
export function settingText(setting, value) {
  if (setting.kind === "choice" || setting.kind === "text") return String(value);
  return `${formatNumber(value, 4)}${setting.suffix || ""}`;
}

// How a lab shows numbers to the reader, in one place so controls, read-outs and status lines agree.
// Numbers are written in the page's language (web/src/numbers.js), whatever the browser's.

import { writeCount, writeNumber, writePercent } from "../numbers.js";

/** `digits` significant digits, thousands grouped, in the page's convention; very large or small numbers in
 *  exponent form. */
export const formatNumber = writeNumber;

/** A whole number, thousands grouped: 1,234. */
export const count = writeCount;

export function dollars(value) {
  return `$${count(value)}`;
}

/** A share (0–1) as a percentage with one decimal: 0.9875 → "98.8%". */
export const percent = writePercent;

/** A setting's value as its control shows it: a number with its unit ("$150 per sq ft", "-$2,000", "35°"), else
 *  the value. */
export function settingText(setting, value) {
  if (setting.kind === "choice" || setting.kind === "text") return String(value);
  const sign = value < 0 ? "-" : "";
  return `${sign}${setting.prefix || ""}${formatNumber(Math.abs(value), 4)}${setting.suffix || ""}`;
}

// A lab's settings in the URL hash, so a link reopens a lab as the reader set it (the Playground's state.ts):
// "#line.weight=150&line.bias=20000&network.layers=8,8". Each part is "<lab id>.<setting>=<value>".

import { t } from "../words.js";

/** The "id.setting=value" parts of a hash (the page's, by default). */
export function hashParts(hash = location.hash) {
  const raw = hash.replace(/^#/, "");
  return raw ? raw.split("&") : [];
}

function parseValue(setting, text) {
  if (["number", "log", "integer"].includes(setting.kind)) {
    const value = Number(text);
    return text.trim() !== "" && Number.isFinite(value) ? value : undefined;
  }
  if (setting.kind === "layers") {
    if (text === "" || text === "none") return [];
    const sizes = text.split(",").map(Number);
    return sizes.every(Number.isFinite) ? sizes : undefined;
  }
  return text;
}

function formatValue(setting, value) {
  if (setting.kind === "layers") return value.length ? value.join(",") : "none";
  return String(value);
}

/** The settings the hash gives lab `id` (name → value), and notices for the parts it could not use.
 *  Values are not range-checked here: Python clamps them and says so. */
export function readHash(spec, id, hash) {
  const byName = Object.fromEntries(spec.map((setting) => [setting.name, setting]));
  const found = {};
  const notices = [];
  for (const part of hashParts(hash)) {
    const at = part.indexOf("=");
    if (at < 0) continue;
    const key = part.slice(0, at);
    if (!key.startsWith(`${id}.`)) continue;
    const setting = byName[key.slice(id.length + 1)];
    if (!setting) {
      notices.push(t("The link names a setting this lab does not have ({key}); it was ignored.", { key }));
      continue;
    }
    let text = part.slice(at + 1);
    try {
      text = decodeURIComponent(text);
    } catch {
      // a malformed escape: use the text as it is
    }
    const value = parseValue(setting, text);
    if (value === undefined)
      notices.push(t("{label}: the link's value is not valid; using the default.", { label: t(setting.label) }));
    else found[setting.name] = value;
  }
  return { found, notices };
}

/** The hash for lab `id`'s settings that differ from its defaults ("" when none do). */
export function writeHash(spec, id, values, defaults) {
  const parts = spec
    .filter((s) => JSON.stringify(values[s.name]) !== JSON.stringify(defaults[s.name]))
    .map((s) => `${id}.${s.name}=${encodeURIComponent(formatValue(s, values[s.name])).replace(/%2C/g, ",")}`);
  return parts.length ? `#${parts.join("&")}` : "";
}

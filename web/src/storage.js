// What the course saves in this browser: edited cells, answers, progress. Nothing leaves the browser.
// Keys are prefixed with the site's path and a format version ("/knobs/:v1:…"), so sites sharing a github.io
// origin never read each other's data. Every read survives corrupted or foreign data: it returns the fallback and
// reports a notice, never throws. Where storage is unavailable (private mode, blocked), reads return the fallback
// and writes are skipped; `available` says so, and widgets tell the reader their work will not be kept.

import { sitePath } from "./site.js";
import { t } from "./words.js";

export const FORMAT = "v1";
export const PREFIX = `${sitePath}:${FORMAT}:`;
const noticeListeners = new Set();

function probe() {
  try {
    const key = `${PREFIX}probe`;
    localStorage.setItem(key, "1");
    localStorage.removeItem(key);
    return true;
  } catch {
    return false;
  }
}

export const available = probe();

/** Subscribe to notices about stored data that had to be ignored (corrupted, or from another version). */
export function onNotice(listener) {
  noticeListeners.add(listener);
  return () => noticeListeners.delete(listener);
}

function notice(text) {
  for (const listener of noticeListeners) listener(text);
}

/** Read the JSON value saved under `name`; if it is missing, unreadable or fails `isValid`, return `fallback`. */
export function read(name, fallback, isValid = () => true) {
  if (!available) return fallback;
  let raw;
  try {
    raw = localStorage.getItem(PREFIX + name);
  } catch {
    return fallback;
  }
  if (raw === null) return fallback;
  try {
    const value = JSON.parse(raw);
    if (isValid(value)) return value;
  } catch {
    // falls through to the notice below
  }
  notice(t("Some saved data ({name}) was unreadable and has been set aside; you can carry on.", { name }));
  try {
    localStorage.setItem(`${PREFIX}corrupt:${name}`, raw);
    localStorage.removeItem(PREFIX + name);
  } catch {
    // storage full or blocked: nothing more to do
  }
  return fallback;
}

/** Save `value` as JSON under `name`; returns false if it could not be saved. */
export function write(name, value) {
  if (!available) return false;
  try {
    localStorage.setItem(PREFIX + name, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function remove(name) {
  if (!available) return;
  try {
    localStorage.removeItem(PREFIX + name);
  } catch {
    // blocked storage: nothing to remove
  }
}

/** The names (without prefix) of everything this site saved that starts with `start`. */
export function names(start = "") {
  if (!available) return [];
  const found = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key && key.startsWith(PREFIX + start)) found.push(key.slice(PREFIX.length));
  }
  return found;
}

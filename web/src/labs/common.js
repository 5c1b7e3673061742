// What every lab shares: its settings (a typed list of named properties, read from the lab's HTML) and their
// round trip through the URL hash, the status line and notices, the Python calls, the animation loop that pauses
// when the lab is out of view or the tab is hidden, and chart helpers (uPlot, theme colours).
//
// The HTML (controls, buttons, read-outs, chart areas) is written at build time by overrides/hooks/labs.py;
// this module brings it to life. The maths is all in Python (pycode/knobs_lab/<name>_lab.py).

import uPlot from "uplot";
import * as py from "../python.js";

// Okabe–Ito: colours told apart with every common colour-vision deficiency.
export const COLOURS = {
  orange: "#E69F00", sky: "#56B4E9", green: "#009E73", yellow: "#F0E442",
  blue: "#0072B2", vermillion: "#D55E00", purple: "#CC79A7",
};

export const reducedMotion = () => self.matchMedia && self.matchMedia("(prefers-reduced-motion: reduce)").matches;

/** A colour from the theme (works in light and dark mode). */
export function themeColour(name, fallback = "#888") {
  const value = getComputedStyle(document.body).getPropertyValue(name).trim();
  return value || fallback;
}

// --- the URL hash: "#line.weight=150&line.bias=20000&network.layers=8,8" ------------------------------------------

/** The "name.setting=value" parts of a hash (the page's, by default). */
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

/** Format a number for the reader: `digits` significant digits, thousands separated. */
export function formatNumber(value, digits = 4) {
  if (value === null || value === undefined) return "–";
  if (!Number.isFinite(value)) return String(value);
  const size = Math.abs(value);
  if (size !== 0 && (size >= 1e9 || size < 1e-4)) return value.toExponential(digits - 1);
  return value.toLocaleString("en-US", { maximumSignificantDigits: digits });
}

export class Lab {
  /** `hash` is the page's hash as it was when the page opened: a lab lower down starts only when it comes into
   *  view, and by then the theme has rewritten the address bar's hash to the heading being read. */
  constructor(root, module, hash = location.hash) {
    this.root = root;
    this.module = module; // the Python bridge module, e.g. "line_lab"
    this.name = root.dataset.lab;
    this.id = root.dataset.labId;
    this.spec = JSON.parse(root.dataset.spec);
    this.byName = Object.fromEntries(this.spec.map((setting) => [setting.name, setting]));
    const authored = JSON.parse(root.dataset.settings || "{}");
    this.defaults = Object.fromEntries(this.spec.map((s) => [s.name, authored[s.name] ?? s.default]));
    this.hashNotices = [];
    this.values = { ...this.defaults, ...this.readHash(hash) };
    this.status = root.querySelector(".knobs-lab__status");
    this.notice = root.querySelector(".knobs-lab__notice");
    this.listeners = [];
    this.ready = false;
    this.visible = true;
    this.bindControls();
    for (const [name, value] of Object.entries(this.values)) this.show(name, value);
    this.unsubscribe = py.onStatus((state) => {
      if (this.ready) return;
      if (state.state === "failed") this.setStatus(`Python could not start: ${state.text}`, "error");
      else if (state.state === "booting") this.setStatus("Starting Python… the lab wakes up when it is ready.");
    });
    this.watchVisibility();
  }

  // --- settings ---------------------------------------------------------------------------------------------------

  readHash(hash) {
    const found = {};
    for (const part of hashParts(hash)) {
      const at = part.indexOf("=");
      if (at < 0) continue;
      const key = part.slice(0, at);
      if (!key.startsWith(`${this.id}.`)) continue;
      const setting = this.byName[key.slice(this.id.length + 1)];
      if (!setting) {
        this.hashNotices.push(`The link names a setting this lab does not have (${key}); it was ignored.`);
        continue;
      }
      let text = part.slice(at + 1);
      try {
        text = decodeURIComponent(text);
      } catch {
        // a malformed escape: use the text as it is
      }
      const value = parseValue(setting, text);
      if (value === undefined) this.hashNotices.push(`${setting.label}: the link's value is not valid; using the default.`);
      else found[setting.name] = value;
    }
    return found;
  }

  /** A link to this page that opens this lab with its current settings (those that differ from the page's). */
  link() {
    const mine = this.spec
      .filter((s) => JSON.stringify(this.values[s.name]) !== JSON.stringify(this.defaults[s.name]))
      .map((s) => `${this.id}.${s.name}=${encodeURIComponent(formatValue(s, this.values[s.name])).replace(/%2C/g, ",")}`);
    return location.origin + location.pathname + location.search + (mine.length ? `#${mine.join("&")}` : "");
  }

  /** Share: put the link in the address bar and on the clipboard, and show it. (The theme rewrites the
   *  address bar's hash as the reader scrolls, so the link is made on request rather than kept there.) */
  async share() {
    const url = this.link();
    history.replaceState(history.state, "", url);
    this.root.dataset.link = url;
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      // no clipboard permission (or an insecure page): the link is still shown and in the address bar
    }
    this.setStatus(`${copied ? "Link copied" : "Link to these settings"}: ${url}`);
  }

  bindControls() {
    this.controls = {};
    for (const box of this.root.querySelectorAll("[data-setting]")) {
      const setting = this.byName[box.dataset.setting];
      const input = box.querySelector("input, select");
      const output = box.querySelector("output");
      this.controls[setting.name] = { box, input, output, setting };
      if (setting.kind === "layers") {
        box.addEventListener("click", (event) => {
          const action = event.target.closest("[data-layer-action]");
          if (action) this.changeLayers(setting, action.dataset.layerAction, Number(action.dataset.layer));
        });
      } else if (input) {
        const event = input.type === "text" ? "change" : "input";
        input.addEventListener(event, () => this.change(setting.name, this.read(setting, input)));
      }
    }
  }

  read(setting, input) {
    if (setting.kind === "log") return Number((10 ** Number(input.value)).toPrecision(3));
    if (setting.kind === "number" || setting.kind === "integer") return Number(input.value);
    return input.value;
  }

  changeLayers(setting, action, index) {
    const sizes = [...this.values[setting.name]];
    if (action === "add" && sizes.length < setting.max_layers) sizes.push(sizes.length ? sizes[sizes.length - 1] : 4);
    else if (action === "remove" && sizes.length) sizes.pop();
    else if (action === "more" && sizes[index] < setting.maximum) sizes[index] += 1;
    else if (action === "fewer" && sizes[index] > setting.minimum) sizes[index] -= 1;
    else return;
    this.change(setting.name, sizes);
  }

  /** The reader changed a setting: show it, put it in the link, tell the lab. */
  change(name, value) {
    this.values[name] = value;
    this.show(name, value);
    for (const listener of this.listeners) listener(name, value);
  }

  onChange(listener) {
    this.listeners.push(listener);
  }

  /** Show a setting's value on its control (without telling the lab). */
  show(name, value) {
    const control = this.controls[name];
    if (!control) return;
    const { setting, input, output } = control;
    if (setting.kind === "layers") {
      this.renderLayers(control, value);
      return;
    }
    const unit = setting.unit || "";
    const gap = /^[°%]/.test(unit) ? "" : " "; // 35°, 10%; but 100 $ per sq ft
    const shown = setting.kind === "choice" ? value : `${formatNumber(value, 4)}${gap}${unit}`.trim();
    if (input && document.activeElement !== input) {
      input.value = setting.kind === "log" ? String(Math.log10(value)) : String(value);
    }
    if (input && input.type === "range") input.setAttribute("aria-valuetext", shown);
    if (output) output.textContent = shown;
  }

  renderLayers(control, sizes) {
    const { box, setting } = control;
    const holder = box.querySelector(".knobs-lab__layers");
    const disabled = this.ready ? "" : "disabled";
    const layers = sizes.map((size, i) => `<span class="knobs-lab__layer" role="group" aria-label="Hidden layer ${i + 1}">`
      + `<button type="button" class="knobs-button" data-layer-action="fewer" data-layer="${i}" ${disabled} aria-label="Fewer neurons in layer ${i + 1}">−</button>`
      + `<output class="knobs-lab__value" aria-live="polite">${size}</output>`
      + `<button type="button" class="knobs-button" data-layer-action="more" data-layer="${i}" ${disabled} aria-label="More neurons in layer ${i + 1}">+</button></span>`).join("");
    holder.innerHTML = `<span class="knobs-lab__layer-list" data-layers-shown="${sizes.join(",")}">${layers || "<em>no hidden layer</em>"}</span>`
      + `<button type="button" class="knobs-button" data-layer-action="add" ${disabled} ${sizes.length >= setting.max_layers ? "aria-disabled=true" : ""}>+ layer</button>`
      + `<button type="button" class="knobs-button" data-layer-action="remove" ${disabled}>− layer</button>`;
  }

  /** Python's checked settings for the settings `sent`: show the ones it moved into range, and say so.
   *  (Only those: the reader may have moved a slider again while Python was answering.) */
  accept(settings, notices = [], sent = {}) {
    if (settings) {
      for (const [name, value] of Object.entries(settings)) {
        const changed = JSON.stringify(value) !== JSON.stringify(name in sent ? sent[name] : this.values[name]);
        if (changed) {
          this.values[name] = value;
          this.show(name, value);
        }
      }
    }
    this.notify([...this.hashNotices.splice(0), ...notices]);
  }

  notify(notices) {
    if (!notices || !notices.length) return;
    this.notice.hidden = false;
    this.notice.textContent = `From the link: ${notices.join(". ")}.`;
  }

  // --- status, buttons, read-outs -------------------------------------------------------------------------------

  setStatus(text, kind = "") {
    this.status.textContent = text;
    this.status.dataset.kind = kind;
  }

  enable() {
    this.ready = true;
    if (this.unsubscribe) this.unsubscribe();
    for (const node of this.root.querySelectorAll("input, select, button")) {
      node.disabled = false;
      node.removeAttribute("title");
    }
    const share = this.button("share");
    if (share) share.addEventListener("click", () => this.share());
    this.root.dataset.ready = "true";
  }

  button(action) {
    return this.root.querySelector(`[data-action="${action}"]`);
  }

  out(name, text) {
    const node = this.root.querySelector(`[data-out="${name}"]`);
    if (node) node.textContent = text;
  }

  chart(name) {
    return this.root.querySelector(`[data-chart="${name}"]`);
  }

  /** Call a function of this lab's Python module; a failure shows in the status line and rejects. */
  async call(fn, args = {}) {
    try {
      return await py.call(`${this.module}.${fn}`, args);
    } catch (error) {
      this.setStatus(`Python said: ${error.message}`, "error");
      throw error;
    }
  }

  /** Wrap an async function so that calls made while one runs collapse into one call with the latest value. */
  latest(fn) {
    let running = false;
    let queued = null;
    const run = async (...args) => {
      if (running) {
        queued = args;
        return;
      }
      running = true;
      try {
        await fn(...args);
      } catch (error) {
        console.warn(error);
      } finally {
        running = false;
        if (queued) {
          const next = queued;
          queued = null;
          run(...next);
        }
      }
    };
    return run;
  }

  // --- animation ----------------------------------------------------------------------------------------------

  watchVisibility() {
    if (self.IntersectionObserver) {
      const observer = new IntersectionObserver((entries) => {
        this.visible = entries[entries.length - 1].isIntersecting;
        if (this.visible && this.loopState) this.loopState.resume();
      });
      observer.observe(this.root);
    }
    document.addEventListener("visibilitychange", () => {
      if (!document.hidden && this.loopState) this.loopState.resume();
    });
  }

  /** Run `frame()` (async; returns true to go on) once per animation frame until stopped or it returns false.
   *  Pauses while the lab is scrolled out of view or the tab is hidden; `onPause(bool)` is told. */
  loop(frame, { onEnd = () => {}, onPause = () => {} } = {}) {
    this.stopLoop();
    const state = { running: true, paused: false };
    const tick = async () => {
      if (!state.running) return;
      if (!this.visible || document.hidden) {
        state.paused = true;
        onPause(true);
        return;
      }
      let more = false;
      try {
        more = await frame();
      } catch (error) {
        console.warn(error);
      }
      if (!state.running) return;
      if (more) requestAnimationFrame(tick);
      else {
        state.running = false;
        this.loopState = null;
        onEnd();
      }
    };
    state.resume = () => {
      if (state.running && state.paused) {
        state.paused = false;
        onPause(false);
        requestAnimationFrame(tick);
      }
    };
    state.stop = () => {
      state.running = false;
    };
    this.loopState = state;
    requestAnimationFrame(tick);
    return state;
  }

  stopLoop() {
    if (this.loopState) this.loopState.stop();
    this.loopState = null;
  }
}

// --- charts (uPlot) -------------------------------------------------------------------------------------------------

function axisColour() {
  return themeColour("--md-default-fg-color--light", "#666");
}

function gridColour() {
  return themeColour("--md-default-fg-color--lightest", "#eee");
}

/** An axis whose colours follow the theme. */
export function axis(label, extra = {}) {
  return { label, stroke: axisColour, grid: { stroke: gridColour, width: 1 }, ticks: { stroke: gridColour }, ...extra };
}

const charts = new Set();

/** A uPlot chart filling `figure` (above its caption); resizes with it and redraws when the theme changes. */
export function makeChart(figure, options, data, height = 260) {
  const host = document.createElement("div");
  host.className = "knobs-lab__plot";
  figure.insertBefore(host, figure.firstChild);
  const width = Math.max(240, figure.clientWidth || 600);
  const chart = new uPlot({ width, height, legend: { show: true }, cursor: { drag: { x: false, y: false } }, ...options },
    data, host);
  charts.add(chart);
  if (self.ResizeObserver) {
    new ResizeObserver(() => {
      const next = Math.max(240, figure.clientWidth);
      if (Math.abs(next - chart.width) > 2) chart.setSize({ width: next, height });
    }).observe(figure);
  }
  return chart;
}

new MutationObserver(() => {
  for (const chart of charts) if (chart.root.isConnected) chart.redraw(false, true); else charts.delete(chart);
}).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

export { uPlot };

// A lab's controls, written at build time by overrides/hooks/labs.py: here they are only bound to the lab's
// settings — read when the reader moves one, and set when a value changes (a shared link, Reset, training).

import { settingText } from "./format.js";

/** Where a value sits on its slider: a "log" slider moves over the power of ten (the hook writes the same). */
function position(setting, value) {
  return setting.kind === "log" ? Math.log10(value) : value;
}

/** A log slider's value at `position` (a power of ten): the number with the fewest significant digits (up to 3)
 *  whose place on the slider is that notch — 0.3 at 10^−0.5, 0.03 at 10^−1.5, 0.28 at 10^−0.55 — so the values
 *  lessons name can be picked, and the slider reads 0.3 rather than 0.316. */
export function logValue(position, step) {
  const exact = 10 ** position;
  for (let digits = 1; digits < 3; digits++) {
    const short = Number(exact.toPrecision(digits));
    if (Math.abs(Math.log10(short) - position) < step / 2) return short;
  }
  return Number(exact.toPrecision(3));
}

/** The value a control holds (a log slider's: see logValue). */
function read(setting, input) {
  if (setting.kind === "log") return logValue(Number(input.value), Number(input.step));
  if (setting.kind === "number" || setting.kind === "integer") return Number(input.value);
  return input.value;
}

/** Bind every control under `root` to its setting in `byName`; `change(name, value)` hears the reader. */
export function bindControls(root, byName, change, values) {
  const controls = {};
  for (const box of root.querySelectorAll("[data-setting]")) {
    const setting = byName[box.dataset.setting];
    const input = box.querySelector("input, select");
    controls[setting.name] = { box, input, output: box.querySelector("output"), setting };
    if (setting.kind === "layers") {
      box.addEventListener("click", (event) => {
        const action = event.target.closest("[data-layer-action]");
        if (!action) return;
        const rows = [...box.querySelectorAll(".knobs-lab__layer")];
        const sizes = changeLayers(
          setting,
          values()[setting.name],
          action.dataset.layerAction,
          rows.indexOf(action.closest(".knobs-lab__layer")),
        );
        if (sizes) change(setting.name, sizes);
      });
    } else if (input) {
      input.addEventListener(input.type === "text" ? "change" : "input", () =>
        change(setting.name, read(setting, input)),
      );
    }
  }
  return controls;
}

/** The layer sizes after the reader pressed add, remove, more or fewer (on layer `index`); null if nothing changes. */
function changeLayers(setting, current, action, index) {
  const sizes = [...current];
  if (action === "add" && sizes.length < setting.max_layers) sizes.push(sizes.length ? sizes[sizes.length - 1] : 4);
  else if (action === "remove" && sizes.length) sizes.pop();
  else if (action === "more" && sizes[index] < setting.maximum) sizes[index] += 1;
  else if (action === "fewer" && sizes[index] > setting.minimum) sizes[index] -= 1;
  else return null;
  return sizes;
}

/** Show `value` on its control (the slider's place, the text beside it); `ready` says whether buttons work yet. */
export function showValue(control, value, ready) {
  const { setting, input, output } = control;
  if (setting.kind === "layers") {
    showLayers(control, value, ready);
    return;
  }
  const text = settingText(setting, value);
  if (input && document.activeElement !== input) input.value = String(position(setting, value));
  if (input && input.type === "range") input.setAttribute("aria-valuetext", text);
  if (output) output.textContent = text;
}

/** One row per hidden layer: rows the page lacks are copied from the control's <template>. */
function showLayers({ box, setting }, sizes, ready) {
  const list = box.querySelector(".knobs-lab__layer-list");
  const none = list.querySelector("[data-layers-none]");
  const rows = [...list.querySelectorAll(".knobs-lab__layer")];
  for (const row of rows.slice(sizes.length)) row.remove();
  for (let n = rows.length + 1; n <= sizes.length; n++) list.insertBefore(layerRow(box, n, ready), none);
  list.querySelectorAll(".knobs-lab__layer output").forEach((output, i) => {
    output.textContent = String(sizes[i]);
  });
  none.hidden = sizes.length > 0;
  box
    .querySelector('[data-layer-action="add"]')
    .setAttribute("aria-disabled", String(sizes.length >= setting.max_layers));
}

function layerRow(box, n, ready) {
  const row = box.querySelector("template").content.firstElementChild.cloneNode(true);
  for (const node of [row, ...row.querySelectorAll("[aria-label]")]) {
    node.setAttribute("aria-label", node.getAttribute("aria-label").replace("{n}", String(n)));
  }
  for (const button of row.querySelectorAll("button")) {
    button.disabled = !ready;
    if (ready) button.removeAttribute("title");
  }
  return row;
}

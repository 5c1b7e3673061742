// Code cells: a fenced block written ``` { .python .run } in a lesson becomes an editable cell with
// Run (or Ctrl/Cmd-Enter), Stop and Reset. Cells of one page share one Python namespace, like a notebook.
// Edited code is saved in this browser per cell and restored on reload; Reset brings back the lesson's code.

import { EditorView, basicSetup } from "codemirror";
import { keymap } from "@codemirror/view";
import { Prec } from "@codemirror/state";
import { python } from "@codemirror/lang-python";
import { syntaxHighlighting } from "@codemirror/language";
import { classHighlighter } from "@lezer/highlight";
import * as py from "./python.js";
import * as storage from "./storage.js";
import { t } from "./words.js";
import { numberIn } from "./numbers.js";

const SAVE_DELAY_MS = 300;

function hash(text) {
  // FNV-1a: a short fingerprint of the lesson's code, so a saved edit is dropped when the lesson's code changes.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

function button(label, className, title) {
  const node = element("button", { type: "button", class: `knobs-button ${className}`, title }, label);
  return node;
}

/** A Python editor in `parent` (cells and exercises): Ctrl/Cmd-Enter calls onRun, every edit onChange. */
export function pythonEditor(parent, doc, { label, onRun, onChange }) {
  return new EditorView({
    doc,
    parent,
    extensions: [
      Prec.highest(
        keymap.of([
          {
            key: "Mod-Enter",
            run: () => {
              onRun();
              return true;
            },
          },
        ]),
      ),
      basicSetup,
      python(),
      EditorView.lineWrapping, // no sideways scrolling: long lines wrap (phones, and no scroll trap for the keyboard)
      syntaxHighlighting(classHighlighter),
      EditorView.contentAttributes.of({ "aria-label": label }),
      EditorView.updateListener.of((update) => update.docChanged && onChange()),
    ],
  });
}

/** The page's scope: cells of one page share it; the path identifies the page. */
export function pageScope() {
  return location.pathname;
}

class Cell {
  constructor(block, index) {
    this.index = index;
    this.original = block.querySelector("code").textContent.replace(/\n$/, "");
    this.key = `cell:${pageScope()}:${index}:${hash(this.original)}`;
    this.name = `cell ${index + 1}`; // Python's file name in tracebacks: "<cell 2>"
    this.running = false;
    const saved = storage.read(this.key, null, (value) => value && typeof value.code === "string");
    this.root = element("div", {
      class: "knobs-cell",
      role: "group",
      "aria-label": t("Python code cell {n}", { n: index + 1 }),
    });
    this.root.dataset.knobsCell = String(index);
    const editorHost = element("div", { class: "knobs-cell__editor" });
    const bar = element("div", { class: "knobs-cell__bar" });
    this.runButton = button(t("▶ Run"), "knobs-cell__run", t("Run this cell (Ctrl+Enter)"));
    this.stopButton = button(t("■ Stop"), "knobs-cell__stop", t("Stop the running code"));
    this.resetButton = button(t("↺ Reset"), "knobs-cell__reset", t("Bring back the lesson's code"));
    this.stopButton.disabled = true;
    this.status = element("span", { class: "knobs-cell__status", role: "status", "aria-live": "polite" });
    bar.append(this.runButton, this.stopButton, this.resetButton, this.status);
    this.output = element("pre", {
      class: "knobs-cell__output",
      tabindex: "0",
      role: "region",
      "aria-label": t("Output of cell {n}", { n: index + 1 }),
    });
    this.output.hidden = true;
    this.root.append(editorHost, bar, this.output);
    this.expectOutput(block, bar);
    block.replaceWith(this.root);

    this.editor = pythonEditor(editorHost, saved ? saved.code : this.original, {
      label: t("Python code, cell {n}. Ctrl+Enter runs it.", { n: index + 1 }),
      onRun: () => this.run(),
      onChange: () => this.scheduleSave(),
    });
    this.runButton.addEventListener("click", () => this.run());
    this.stopButton.addEventListener("click", () => this.stop());
    this.resetButton.addEventListener("click", () => this.reset());
    this.updateEdited();
    if (saved) this.say(t("Your edited code was restored from this browser."));
  }

  /** Predict, then see: the lesson's expected output (the block after the cell) stays hidden until the reader runs
   *  the cell or asks for it; a cell written { .python .run .predict } first asks for a guess, judged by Python. */
  expectOutput(block, bar) {
    const next = block.nextElementSibling;
    if (!next || !next.matches(".highlight.output")) return;
    this.expected = next;
    next.hidden = true;
    this.showButton = button(
      t("Show the expected output"),
      "knobs-cell__expected",
      t("Show what the lesson says this prints"),
    );
    this.showButton.addEventListener("click", () => this.reveal());
    bar.append(this.showButton);
    if (!block.classList.contains("predict")) return;
    const id = `knobs-guess-${this.index}`;
    this.guess = element("input", { type: "text", id, class: "knobs-cell__guess-input", autocomplete: "off" });
    this.guessFeedback = element("span", {
      class: "knobs-cell__guess-feedback",
      role: "status",
      "aria-live": "polite",
    });
    const ask = element("p", { class: "knobs-cell__guess" });
    ask.append(
      element("label", { for: id }, t("What will this print? Your guess: ")),
      this.guess,
      " ",
      this.guessFeedback,
    );
    this.root.prepend(ask); // asked before the code is read: and Tab goes guess → code → Run
  }

  async reveal() {
    if (!this.expected || !this.expected.hidden) return;
    this.expected.hidden = false;
    this.showButton.hidden = true;
    if (!this.guess) return;
    this.guess.readOnly = true;
    try {
      const verdict = await py.call("guess.judge", {
        guess: this.guess.value,
        value: numberIn(this.guess.value), // the reader's number, read in the page's convention ("2,5" in pt-BR)
        expected: this.expected.textContent,
      });
      this.guessFeedback.textContent = `${verdict.right ? "✓" : "✗"} ${verdict.text}`;
    } catch (error) {
      this.guessFeedback.textContent = t("Python could not compare your guess: {reason}", { reason: error.message });
    }
  }

  code() {
    return this.editor.state.doc.toString();
  }

  say(text) {
    this.status.textContent = text;
  }

  scheduleSave() {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.save(), SAVE_DELAY_MS);
    this.updateEdited();
  }

  save() {
    if (this.code() === this.original) storage.remove(this.key);
    else if (!storage.write(this.key, { code: this.code(), saved: Date.now() })) {
      this.say(
        t("Your edits cannot be saved in this browser (storage is unavailable); they last until you leave the page."),
      );
    }
  }

  updateEdited() {
    const edited = this.code() !== this.original;
    this.root.classList.toggle("knobs-cell--edited", edited);
    this.resetButton.disabled = !edited;
  }

  reset() {
    // One transaction: Ctrl+Z in the editor brings the reader's edits back.
    this.editor.dispatch({ changes: { from: 0, to: this.editor.state.doc.length, insert: this.original } });
    clearTimeout(this.saveTimer);
    storage.remove(this.key);
    this.updateEdited();
    this.say(t("The lesson's code is back (Ctrl+Z in the editor undoes this)."));
  }

  async run() {
    if (this.running) return;
    this.running = true;
    this.root.classList.add("knobs-cell--running");
    this.runButton.disabled = true;
    this.stopButton.disabled = false;
    this.output.hidden = false;
    this.output.replaceChildren();
    const streamed = element("span", { class: "knobs-out-stdout" });
    this.output.append(streamed);
    const booting = py.status().state !== "ready" && py.status().state !== "busy";
    this.say(booting ? t("Starting Python… (the first run takes a few seconds)") : t("Running…"));
    const started = performance.now();
    try {
      const answer = await py.run(this.code(), {
        scope: pageScope(),
        cell: this.name,
        onStdout: (text) => streamed.append(text),
      });
      this.show(answer);
      this.reveal();
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      this.say(
        answer.ok
          ? t("Done in {seconds} s.", { seconds })
          : answer.stopped
            ? t("Stopped.")
            : t("The code raised an error (see below)."),
      );
    } catch (error) {
      this.output.replaceChildren(element("span", { class: "knobs-out-error" }, error.message));
      this.say(
        error.fatal && error.restarted
          ? t("Python crashed and was restarted.")
          : error.restarted
            ? t("Stopped: Python was restarted.")
            : t("Python could not run this cell."),
      );
    } finally {
      this.running = false;
      this.root.classList.remove("knobs-cell--running");
      this.runButton.disabled = false;
      this.stopButton.disabled = true;
    }
  }

  show({ stdout, stderr, result, error }) {
    const parts = [];
    if (stdout) parts.push(element("span", { class: "knobs-out-stdout" }, stdout));
    if (stderr) parts.push(element("span", { class: "knobs-out-stderr" }, stderr));
    if (result !== null && result !== undefined)
      parts.push(element("span", { class: "knobs-out-result" }, result + "\n"));
    if (error) parts.push(element("span", { class: "knobs-out-error" }, error));
    if (!parts.length) parts.push(element("span", { class: "knobs-out-empty" }, t("(no output)")));
    this.output.replaceChildren(...parts);
  }

  async stop() {
    this.say(t("Stopping…"));
    const how = await py.stop();
    if (how === "restarted") this.say(t("Stopped: Python was restarted, so variables from earlier cells were reset."));
  }
}

/** Turn every ``` { .python .run } block inside `root` into a cell. */
export function mount(root) {
  const blocks = [...root.querySelectorAll(".highlight.run")];
  return blocks.map((block, index) => new Cell(block, index));
}

// One lab on the page: its settings (the typed list its bridge declares, read from the lab's HTML), their round
// trip through the URL hash, its Python calls, status line, notices and animation. The HTML is written at build
// time by overrides/hooks/labs.py; the maths and the decisions about a run come from Python
// (pycode/knobs_lab/<name>_lab.py); a kind's script (web/src/labs/<name>.js) draws what Python answers.

import * as py from "../python.js";
import * as records from "../checks/record.js";
import { Animation } from "./animation.js";
import { bindControls, showValue } from "./controls.js";
import { readHash, writeHash } from "./hash.js";
import { t } from "../words.js";

export class Lab {
  /** `hash` is the page's hash as it was when the page opened: a lab lower down starts only when it comes into
   *  view, and by then the theme has rewritten the address bar's hash to the heading being read. */
  constructor(root, hash = location.hash) {
    this.root = root;
    this.name = root.dataset.lab;
    this.module = `${this.name}_lab`; // its Python bridge, by convention
    this.id = root.dataset.labId;
    this.spec = JSON.parse(root.dataset.spec);
    const authored = JSON.parse(root.dataset.settings || "{}");
    this.defaults = Object.fromEntries(this.spec.map((s) => [s.name, authored[s.name] ?? s.default]));
    const linked = readHash(this.spec, this.id, hash);
    this.hashNotices = linked.notices;
    this.values = { ...this.defaults, ...linked.found };
    this.status = root.querySelector(".knobs-lab__status");
    this.notice = root.querySelector(".knobs-lab__notice");
    this.listeners = [];
    this.ready = false;
    this.animation = new Animation(root);
    const byName = Object.fromEntries(this.spec.map((setting) => [setting.name, setting]));
    this.page = root.dataset.knobsLesson; // the page whose record keeps the ticks of this lab's tasks
    this.tasks = [...root.querySelectorAll(".knobs-lab__task")];
    this.showTicks();
    records.watch(root, (page) => (page === null || page === this.page) && this.showTicks()); // reset, import
    this.controls = bindControls(
      root,
      byName,
      (name, value) => this.change(name, value),
      () => this.values,
    );
    for (const [name, value] of Object.entries(this.values)) this.show(name, value);
    this.unsubscribe = py.onStatus((state) => {
      if (this.ready) return;
      if (state.state === "failed")
        this.setStatus(t("Python could not start: {error}", { error: state.text }), "error");
      else if (state.state === "booting") this.setStatus(t("Starting Python… the lab wakes up when it is ready."));
    });
  }

  // --- settings ---------------------------------------------------------------------------------------------------

  /** A link to this page that opens this lab with its current settings (those that differ from the page's). */
  link() {
    return (
      location.origin + location.pathname + location.search + writeHash(this.spec, this.id, this.values, this.defaults)
    );
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
    this.setStatus(copied ? t("Link copied: {url}", { url }) : t("Link to these settings: {url}", { url }));
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

  /** Set a setting to its value without telling the lab (training moved it, Python clamped it). */
  set(name, value) {
    this.values[name] = value;
    this.show(name, value);
  }

  /** Show a setting's value on its control (without telling the lab). */
  show(name, value) {
    if (this.controls[name]) showValue(this.controls[name], value, this.ready);
  }

  /** Python's checked settings for the settings `sent`: show the ones it moved into range, and say so.
   *  (Only those: the reader may have moved a slider again while Python was answering.) */
  accept(settings, notices = [], sent = {}) {
    for (const [name, value] of Object.entries(settings || {})) {
      if (JSON.stringify(value) !== JSON.stringify(name in sent ? sent[name] : this.values[name]))
        this.set(name, value);
    }
    this.notify([...this.hashNotices.splice(0), ...notices]);
  }

  notify(notices) {
    if (!notices || !notices.length) return;
    this.notice.hidden = false;
    this.notice.textContent = t("From the link: {notices}.", { notices: notices.join(". ") });
  }

  // --- Python -----------------------------------------------------------------------------------------------------

  /** Call a function of this lab's Python bridge; a failure shows in the status line and rejects. Python names the
   *  tasks the answer meets (`answer.tasks`): they get their tick. */
  async call(fn, args = {}) {
    try {
      const answer = await py.call(`${this.module}.${fn}`, args);
      if (answer && Array.isArray(answer.tasks)) this.tick(answer.tasks);
      return answer;
    } catch (error) {
      this.setStatus(t("Python said: {error}", { error: error.message }), "error");
      throw error;
    }
  }

  /** Call `fn` with the lab's current settings (and `args`); show what Python clamped and any notices. */
  async request(fn, args = {}) {
    const sent = { ...this.values };
    const answer = await this.call(fn, { ...args, settings: sent });
    this.accept(answer.settings, answer.notices, sent);
    return answer;
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

  // --- tasks: ticked when Python says they are met, saved in the page's record ----------------------------------

  taskKey(task) {
    return `lab-${this.id}.${task.dataset.task}`;
  }

  showTicks() {
    if (!this.page) return;
    const answers = records.load(this.page).answers;
    for (const task of this.tasks) {
      const met = Boolean(records.entry(answers[this.taskKey(task)], task.dataset.fp)?.right);
      task.classList.toggle("knobs-lab__task--met", met);
      task.querySelector(".knobs-lab__tick").textContent = met ? "✓" : "○";
      task.querySelector(".knobs-lab__task-state").textContent = met ? t("(done)") : t("(not yet)");
    }
  }

  tick(met) {
    const fresh = this.tasks.filter(
      (task) => met.includes(task.dataset.task) && !task.classList.contains("knobs-lab__task--met"),
    );
    if (!fresh.length || !this.page) return;
    records.update(
      this.page,
      (record) => {
        for (const task of fresh) record.answers[this.taskKey(task)] = { fp: task.dataset.fp, right: true };
      },
      this,
    );
    this.showTicks();
  }

  // --- status, buttons, read-outs, charts -------------------------------------------------------------------------

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

  /** Set every setting back to the page's starting value (each change tells the lab). */
  reset() {
    for (const setting of this.spec) this.change(setting.name, this.defaults[setting.name]);
  }

  // --- animation (see animation.js) -------------------------------------------------------------------------------

  loop(frame, options) {
    return this.animation.start(frame, options);
  }

  stopLoop() {
    this.animation.stop();
  }

  get loopState() {
    return this.animation.current;
  }
}

// A lab's animation loop: one Python call per animation frame, paused while the lab is scrolled out of view or the
// tab is hidden (nobody watches; the page stays quick), resumed by itself when the reader is back.

export const reducedMotion = () => self.matchMedia && self.matchMedia("(prefers-reduced-motion: reduce)").matches;

export class Animation {
  constructor(root) {
    this.visible = true;
    this.current = null;
    if (self.IntersectionObserver) {
      new IntersectionObserver((entries) => {
        this.visible = entries[entries.length - 1].isIntersecting;
        if (this.visible && this.current) this.current.resume();
      }).observe(root);
    }
    document.addEventListener("visibilitychange", () => {
      if (!document.hidden && this.current) this.current.resume();
    });
  }

  /** Run `frame()` (async; returns true to go on) once per animation frame until stopped or it returns false.
   *  `onPause(bool)` hears when it pauses and resumes; `onEnd()` when `frame` said to stop. */
  start(frame, { onEnd = () => {}, onPause = () => {} } = {}) {
    this.stop();
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
        this.current = null;
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
    this.current = state;
    requestAnimationFrame(tick);
    return state;
  }

  stop() {
    if (this.current) this.current.stop();
    this.current = null;
  }
}

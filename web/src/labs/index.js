// The labs: one entry (registered in app.js for ".knobs-lab") that mounts every lab of the page, each by its kind.
// A kind's module exports start(lab), where lab is a common.Lab bound to the lab's HTML.

import { Lab } from "./common.js";
import { siteRoot, version } from "../site.js";

function loadStylesheet() {
  // labs.css (with uPlot's styles) is its own file, built by web/bundle.mjs; only pages with a lab fetch it.
  if (document.querySelector("link[data-knobs-labs]")) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = new URL(`assets/knobs/labs.css?v=${version}`, siteRoot).href;
  link.dataset.knobsLabs = "true";
  document.head.append(link);
}

const KINDS = {
  line: () => import("./line.js"),
  dynamics: () => import("./dynamics.js"),
  generalisation: () => import("./generalisation.js"),
  network: () => import("./network.js"),
  language: () => import("./language.js"),
  finetune: () => import("./finetune.js"),
};

export async function mount(content) {
  loadStylesheet();
  for (const root of content.querySelectorAll(".knobs-lab")) {
    if (root.dataset.mounted) continue;
    root.dataset.mounted = "true";
    const load = KINDS[root.dataset.lab];
    if (!load) continue;
    try {
      const kind = await load();
      await kind.start(new Lab(root, `${root.dataset.lab}_lab`));
    } catch (error) {
      console.error(`the ${root.dataset.lab} lab failed to start`, error);
      const status = root.querySelector(".knobs-lab__status");
      if (status) status.textContent = `This lab failed to start: ${error.message}`;
    }
  }
}

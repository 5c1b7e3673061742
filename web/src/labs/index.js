// The labs: one entry (registered in app.js for ".knobs-lab") that mounts every lab of the page, each by its kind.
// A kind is found by convention: the lab "line" is web/src/labs/line.js (and its Python bridge knobs_lab.line_lab);
// the script exports start(lab), where lab is a Lab (lab.js) bound to the lab's HTML.

import { hashParts } from "./hash.js";
import { Lab } from "./lab.js";
import { siteRoot, version } from "../site.js";
import { couldNotStart } from "../failure.js";

let stylesheet = null; // resolves when labs.css has been applied (or failed to load)

function loadStylesheet() {
  // labs.css (with uPlot's styles) is its own file, built by web/bundle.mjs; only pages with a lab fetch it.
  if (stylesheet) return stylesheet;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = new URL(`assets/knobs/labs.css?v=${version}`, siteRoot).href;
  link.dataset.knobsLabs = "true";
  stylesheet = new Promise((resolve) => {
    link.addEventListener("load", resolve, { once: true });
    link.addEventListener("error", resolve, { once: true });
  });
  document.head.append(link);
  return stylesheet;
}

async function startLab(root, hash) {
  try {
    // esbuild bundles every script of this folder that this pattern can name, each in its own chunk
    const kind = await import(`./${root.dataset.lab}.js`);
    await kind.start(new Lab(root, hash));
  } catch (error) {
    couldNotStart(root, "lab", error, root.querySelector(".knobs-lab__status"));
  }
}

const observers = []; // kept here so that no observer is collected while its labs wait to be seen

/** Start each lab of the page when it comes near the screen (a page of six labs starts only those in view). */
export function mount(content) {
  const styled = loadStylesheet();
  const hash = location.hash; // kept for labs that start later: the theme rewrites the hash as the reader scrolls
  const named = new Set(hashParts(hash).map((part) => part.split(".")[0]));
  const observer = self.IntersectionObserver
    ? new IntersectionObserver(
        (entries) => {
          for (const entry of entries) {
            if (!entry.isIntersecting) continue;
            observer.unobserve(entry.target);
            startLab(entry.target, hash);
          }
        },
        { rootMargin: "300px 0px" },
      )
    : null;
  if (observer) observers.push(observer);
  for (const root of content.querySelectorAll(".knobs-lab")) {
    if (root.dataset.mounted) continue;
    root.dataset.mounted = "true";
    if (observer) observer.observe(root);
    else startLab(root, hash);
  }
  // A shared link opens at the lab it is for (its hash names the lab, not a heading the browser could scroll to).
  const linked = [...content.querySelectorAll(".knobs-lab")].find((root) => named.has(root.dataset.labId));
  // Only once the labs' styles apply: before that the labs above have other heights and the scroll would miss.
  if (linked) styled.then(() => requestAnimationFrame(() => linked.scrollIntoView({ block: "start" })));
}

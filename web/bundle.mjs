// Bundle the page scripts, the Python worker and the stylesheet with esbuild.
// Usage: node web/bundle.mjs OUTDIR   (called by the MkDocs hook overrides/hooks/runtime.py)
import * as esbuild from "esbuild";
import { fileURLToPath } from "node:url";
import fs from "node:fs";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const src = path.join(here, "src");
const outdir = process.argv[2];
if (!outdir) {
  console.error("usage: node bundle.mjs OUTDIR");
  process.exit(2);
}

const pages = await esbuild.build({
  entryPoints: {
    app: path.join(src, "app.js"),
    start: path.join(src, "start.js"), // a returning reader's Python, started from the page's <head>
    worker: path.join(src, "worker.js"),
    knobs: path.join(src, "knobs.css"),
    labs: path.join(src, "labs", "labs.css"), // loaded by the labs' script on pages that have a lab
  },
  outdir,
  bundle: true,
  splitting: true, // widgets load on demand: a page without code cells never downloads the editor
  chunkNames: "chunks/[name]-[hash]",
  format: "esm",
  target: ["chrome110", "firefox115", "safari16"],
  minify: true,
  sourcemap: true,
  legalComments: "linked",
  logLevel: "warning",
  metafile: true,
});

// The chunks start.js imports, directly or through each other: the page's <head> preloads them beside start.js
// (overrides/main.html), so its module graph is ready before the theme's script takes the main thread.
// Written for overrides/hooks/runtime.py, which hands the list to the template and leaves the file out of the site.
function staticImports(output, seen = new Set()) {
  for (const { path: imported, kind } of pages.metafile.outputs[output].imports) {
    if (kind === "import-statement" && !seen.has(imported)) {
      seen.add(imported);
      staticImports(imported, seen);
    }
  }
  return seen;
}
const start = path.relative(process.cwd(), path.join(outdir, "start.js"));
const preload = [...staticImports(start)].map((output) => path.relative(outdir, output)).sort();
fs.writeFileSync(path.join(outdir, "start.preload.json"), JSON.stringify(preload));

// The theme's search worker, made to wait for Python: a classic worker script (the theme's worker is one, and this
// one loads it with importScripts). overrides/hooks/runtime.py puts it beside the theme's worker.
await esbuild.build({
  entryPoints: { "search-worker": path.join(src, "search-worker.js") },
  outdir,
  bundle: true,
  format: "iife",
  target: ["chrome110", "firefox115", "safari16"],
  minify: true,
  sourcemap: true,
  logLevel: "warning",
});

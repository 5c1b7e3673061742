// Runs benchmarks/training_cases.py inside Pyodide under Node.js and prints
// its result as one line of JSON. No maths here: it loads Python, copies the
// knobs package into Pyodide's file system, and calls run_all().
//
//   node benchmarks/pyodide_bench.mjs [--quick] [--pyodide-dir DIR] [--case NAME ...] [--module NAME]
//
// --module picks another cases file of benchmarks/ with the same run_all() (default training_cases).
//
// DIR defaults to $KNOBS_PYODIDE_DIR, else <repo>/node_modules/pyodide.

import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function parseArguments(argv) {
  const options = {
    quick: false,
    pyodideDir: process.env.KNOBS_PYODIDE_DIR || join(repo, "node_modules", "pyodide"),
    cases: [],
    module: "training_cases",
  };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--quick") options.quick = true;
    else if (argv[i] === "--pyodide-dir") options.pyodideDir = argv[++i];
    else if (argv[i] === "--case") options.cases.push(argv[++i]);
    else if (argv[i] === "--module") options.module = argv[++i];
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return options;
}

// Copy a folder of the repo into Pyodide's file system (skipping caches).
function copyFolder(pyodide, from, to) {
  pyodide.FS.mkdirTree(to);
  for (const name of readdirSync(from)) {
    if (name === "__pycache__") continue;
    const path = join(from, name);
    if (statSync(path).isDirectory()) copyFolder(pyodide, path, `${to}/${name}`);
    else pyodide.FS.writeFile(`${to}/${name}`, readFileSync(path));
  }
}

async function main(options) {
  const { loadPyodide } = await import(pathToFileURL(join(options.pyodideDir, "pyodide.mjs")).href);
  const started = performance.now();
  const pyodide = await loadPyodide({ indexURL: options.pyodideDir + "/" });
  const loadSeconds = (performance.now() - started) / 1000;

  copyFolder(pyodide, join(repo, "pycode", "knobs"), "/bench/knobs");
  pyodide.FS.writeFile(`/bench/${options.module}.py`, readFileSync(join(repo, "benchmarks", `${options.module}.py`)));
  pyodide.globals.set("module", options.module);
  pyodide.globals.set(
    "settings",
    JSON.stringify({ quick: options.quick, names: options.cases.length ? options.cases : null }),
  );
  const result = JSON.parse(
    pyodide.runPython(`
import json, sys
sys.path.insert(0, "/bench")
import importlib
json.dumps(importlib.import_module(module).run_all(**json.loads(settings)))
`),
  );
  result.pyodide = JSON.parse(readFileSync(join(options.pyodideDir, "package.json"), "utf8")).version;
  result.node = process.version;
  result.load_seconds = loadSeconds;
  return result;
}

try {
  console.log(JSON.stringify(await main(parseArguments(process.argv.slice(2)))));
} catch (error) {
  // One readable line (a Python traceback ends with its message); Node would
  // otherwise print Pyodide's whole minified source line.
  console.error(
    String(error?.message ?? error)
      .trim()
      .split("\n")
      .pop(),
  );
  process.exit(1);
}

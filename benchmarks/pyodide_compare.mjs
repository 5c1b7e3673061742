import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
// Runs benchmarks/bench_compare.py inside Pyodide under Node.js: both trees of knobs in one interpreter.
//   node benchmarks/pyodide_compare.mjs <pyodide dir> <before pycode> <after pycode>
const [pyodideDir, oldRoot, newRoot] = process.argv.slice(2);
const bench = new URL("./bench_compare.py", import.meta.url);
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir + "/" });
function copy(from, to) {
  pyodide.FS.mkdirTree(to);
  for (const name of readdirSync(from)) {
    const path = join(from, name);
    if (statSync(path).isDirectory()) copy(path, `${to}/${name}`);
    else pyodide.FS.writeFile(`${to}/${name}`, readFileSync(path));
  }
}
copy(oldRoot + "/knobs", "/old/knobs");
copy(newRoot + "/knobs", "/new/knobs");
pyodide.runPython('import sys; sys.argv = ["bench", "/old", "/new", "4", "--wall"]');
pyodide.runPython(readFileSync(bench, "utf8"));

// Build-time memory snapshot of Python with the course packages imported (called by overrides/hooks/runtime.py).
// Usage: node web/snapshot.mjs OUT PYCODE_ZIP EXECUTABLE
// The snapshot is Pyodide's whole WebAssembly memory after start-up: a page that loads it skips Python's own
// bootstrap (compiling ~150 standard-library modules) and the course imports. It fits only the exact pyodide.asm.*
// it was made with (Pyodide checks a build id), so it is made from the same node_modules/pyodide the site copies.
// EXECUTABLE is sys.executable as a browser sees it (in Node it would be this script's path).
import { loadPyodide } from "pyodide";
import { readFileSync, writeFileSync } from "node:fs";
import { installCoursePackage, PRELOAD } from "./src/course.js";

const [out, pycodeZip, executable] = process.argv.slice(2);
if (!out || !pycodeZip || !executable) {
  console.error("usage: node snapshot.mjs OUT PYCODE_ZIP EXECUTABLE");
  process.exit(2);
}
const pyodide = await loadPyodide({ _makeSnapshot: true, _sysExecutable: executable });
installCoursePackage(pyodide, new Uint8Array(readFileSync(pycodeZip)));
pyodide.runPython(PRELOAD);
writeFileSync(out, pyodide.makeMemorySnapshot());

// How Python gets the course packages, shared by the worker (web/src/worker.js) and the build-time snapshot
// (web/snapshot.mjs), so a Python started from the snapshot sees exactly what a fresh one sees.

export const PYCODE_DIR = "/home/pyodide/pycode";

/** Unpack pycode.zip (its bytes) into Python's file system and put it on sys.path (once). */
export function installCoursePackage(pyodide, zipBytes) {
  pyodide.unpackArchive(zipBytes, "zip", { extractDir: PYCODE_DIR });
  pyodide.runPython(
    `import sys\nif ${JSON.stringify(PYCODE_DIR)} not in sys.path: sys.path.insert(0, ${JSON.stringify(PYCODE_DIR)})`,
  );
}

// Imported before the snapshot is taken: every module of the course packages (the first cell and every lab then
// find them compiled) and what they import from the standard library.
export const PRELOAD = `
import importlib, pkgutil
for package in ("knobs", "knobs_lab"):
    for module in pkgutil.walk_packages(importlib.import_module(package).__path__, package + "."):
        importlib.import_module(module.name)
`;

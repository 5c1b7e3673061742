// The channel on which the page says that Python has started (python.js), for the site's scripts that wait for it
// rather than share the processor with Python's start (search-worker.js). Named after the site's path: many sites
// share one github.io origin.

/** The BroadcastChannel name for the site at `sitePath` (e.g. "/knobs/"). */
export const pythonReadyChannel = (sitePath) => `${sitePath}knobs:python-ready`;

// A returning reader's page starts Python from its <head>, before the body, the styles and the theme's scripts have
// arrived: the service worker answers every file from the browser's cache, and the snapshot start needs nothing from
// the page. The build puts this script only into pages with a widget that runs Python (overrides/hooks/python_pages.py,
// from python-widgets.json). A first visit waits for app.js instead, which judges the line's speed from the page's
// own downloads (python.js). Both scripts share one python.js, so Python starts once.
import { boot } from "./python.js";

if (navigator.serviceWorker && navigator.serviceWorker.controller) boot("head");

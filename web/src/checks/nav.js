// On every page: a ✓ after each completed lesson in the navigation (with the words "completed" for screen readers),
// kept up to date when the reader marks a lesson complete, resets or imports progress.

import * as records from "./record.js";
import { t } from "../words.js";
import { siteRoot } from "../site.js";
import { pageOf } from "../languages.js";

/** The page url (as progress records name pages) a link points to, or null for another site or a section. */
export function pageOfLink(link) {
  const url = new URL(link.getAttribute("href"), document.baseURI);
  // The theme writes absolute links; a link with a #fragment is a section of a page (the table of contents).
  if (url.hash || url.origin !== siteRoot.origin || !url.pathname.startsWith(siteRoot.pathname)) return null;
  return pageOf(url).replace(/index\.html$/, ""); // the same page in every language
}

export function markNavigation() {
  const completed = new Set(records.pages().filter((page) => records.load(page).complete));
  for (const link of document.querySelectorAll("a.md-nav__link[href]")) {
    const page = pageOfLink(link);
    const mark = link.querySelector(".knobs-nav-done");
    const done = page !== null && completed.has(page);
    if (done && !mark) {
      const badge = records.element("span", { class: "knobs-nav-done", title: t("Completed") }, "✓");
      badge.append(records.element("span", { class: "knobs-sr-only" }, t(" completed")));
      (link.querySelector(".md-ellipsis") || link).append(badge);
    } else if (!done && mark) {
      mark.remove();
    }
  }
}

let watching = false;

export function mount() {
  markNavigation();
  if (!watching) {
    watching = true;
    records.watch(document.documentElement, () => markNavigation());
  }
}

// Small accessibility repairs to markup the theme creates (mkdocs-material), applied on every page view:
// - the search overlay (role=dialog) and the instant-navigation progress bar get accessible names;
// - code blocks that scroll sideways become focusable, so a keyboard can scroll them.

import { t } from "./words.js";

export function repair(content) {
  const search = document.querySelector(".md-search[role=dialog]");
  if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", t("Search"));
  const progress = document.querySelector(".md-progress[role=progressbar]");
  if (progress && !progress.hasAttribute("aria-label")) progress.setAttribute("aria-label", t("Loading the page"));
  for (const pre of content.querySelectorAll("pre")) {
    if (!pre.hasAttribute("tabindex") && pre.scrollWidth > pre.clientWidth) pre.tabIndex = 0;
  }
}

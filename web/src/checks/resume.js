// The home page's "continue where you stopped": from the progress saved in this browser, the lesson to read next,
// as a link above the lesson list. With nothing saved (a first visit, or storage blocked) it stays hidden.
//
// Where the reader stopped is the lesson they worked on last: if they marked it complete, the next lesson they have
// not completed; if not, that lesson itself.

import * as records from "./record.js";
import { pageOfLink } from "./nav.js";
import { siteRoot } from "../site.js";
import { t } from "../words.js";

function touched(record) {
  return record.complete || ["answers", "matches", "cards"].some((part) => Object.keys(record[part]).length);
}

/** The lessons listed on the page, in order: {page, title, href, number}. */
function lessonsOf(content) {
  const links = content.querySelectorAll(".knobs-home-lessons li > a:first-child");
  return [...links]
    .map((link, index) => ({
      page: pageOfLink(link),
      title: link.textContent.trim(),
      href: link.href,
      number: index + 1,
    }))
    .filter((lesson) => lesson.page);
}

/** {lesson, done, total} for the next lesson to read; lesson is null when every lesson is complete. */
export function whereToContinue(lessons) {
  const saved = lessons.map((lesson) => ({ lesson, record: records.load(lesson.page) }));
  const worked = saved.filter(({ record }) => touched(record));
  if (!worked.length) return null;
  const last = worked.reduce((a, b) => (b.record.updated > a.record.updated ? b : a));
  const start = last.record.complete ? saved.indexOf(last) + 1 : saved.indexOf(last);
  const next = [...saved.slice(start), ...saved.slice(0, start)].find(({ record }) => !record.complete);
  const done = saved.filter(({ record }) => record.complete).length;
  return { lesson: next ? next.lesson : null, done, total: lessons.length };
}

function show(line, lessons) {
  const place = whereToContinue(lessons);
  line.hidden = !place;
  if (!place) return;
  const { lesson, done, total } = place;
  const summary = t("You have completed {done} of {total} lessons. ", { done, total });
  line.replaceChildren(summary);
  if (lesson) {
    line.append(
      records.element(
        "a",
        { href: lesson.href, class: "md-button md-button--primary" },
        t("Continue with lesson {number}: {title}", { number: lesson.number, title: lesson.title }),
      ),
    );
  } else {
    const practice = records.element("a", { href: new URL("practice/", siteRoot).href }, t("the practice page"));
    // The link sits inside the sentence wherever the language puts it.
    const [before, after] = t("Every lesson is done: well done. Keep what you learned fresh on {practice}.").split(
      "{practice}",
    );
    line.append(before, practice, after);
  }
}

export function mount(content) {
  const line = content.querySelector("[data-knobs-resume]");
  const lessons = lessonsOf(content);
  show(line, lessons);
  records.watch(line, () => show(line, lessons));
}

"""The home page lists every lesson in order with the title and the reading and doing times the lesson itself states,
and the totals it gives are their sums."""

import re
import sys

from lesson_pages import lessons

from conftest import ROOT

sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
import lesson_time  # noqa: E402  (needs the path above)

HOME = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")


def test_home_lists_every_lesson_with_its_own_title_and_reading_and_doing_times():
    listed = re.findall(
        r"^\d+\. \[(.+?)\]\(lessons/(\d\d-[\w-]+\.md)\) · about (\d+) minutes reading, (\d+) minutes doing<br>\n +\S",
        HOME,
        re.M,
    )
    stated = []
    for lesson in lessons():
        title = lesson.text.split("\n", 1)[0].removeprefix("# ")
        reading, doing = lesson_time.stated(lesson.text)
        stated.append((title, lesson.path.name, str(reading), str(doing)))
    assert listed == stated


def duration(minutes):
    hours, minutes = divmod(minutes, 60)
    return f"{hours} hour{'s' if hours != 1 else ''} {minutes} minutes" if hours else f"{minutes} minutes"


def test_home_states_the_total_reading_and_doing_times():
    times = [lesson_time.stated(lesson.text) for lesson in lessons()]
    reading, doing = sum(t[0] for t in times), sum(t[1] for t in times)
    assert f"about {duration(reading)} of reading and {duration(doing)} of doing in all" in HOME

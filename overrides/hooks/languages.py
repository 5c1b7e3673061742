"""MkDocs hook: the site in English, Spanish and Portuguese (mkdocs-static-i18n builds one language after another).

- each page's language links (`extra.alternate`, the theme's header switcher) lead to the same page in the other
  languages; web/src/languages.js keeps them right when instant navigation swaps pages;
- a page without a translation yet is built from the English file (the plugin's fallback): it says so at the top,
  in the reader's language, so a reader never meets English silently;
- the theme's palette toggle names are said in the page's language (catalogue of overrides/hooks/words.py).

`i18n/untranslated.yml` lists the pages still waiting for a translation (tests/site/test_translations.py).
"""

import os
import re
import shutil
from copy import deepcopy
from pathlib import Path

import markup  # a sibling: fingerprints of questions, shared across languages
import words  # a sibling: the catalogues
from mkdocs.plugins import event_priority

LANGUAGES = {"en": "English", "es": "Español", "pt": "Português"}  # as in mkdocs.yml (plugins → i18n → languages)
DEFAULT = "en"
NOT_YET = words.phrase("This page is not translated yet; you are reading the English text.")

_palette = None  # the palette as written in mkdocs.yml (English names), kept to translate per page


language = words.language


def alternates(page):
    """[{name, link, lang}] for the theme's language switcher: the same page in every language."""
    links = []
    for lang, name in LANGUAGES.items():  # every page exists in every language (untranslated: see on_page_markdown)
        prefix = "" if lang == DEFAULT else f"{lang}/"
        url = prefix + _unprefixed(page.url)
        links.append({"name": name, "link": url or "./", "lang": lang})  # relative: the theme adds the way up
    return links


def english_source(path):
    """The English source of a translation: "lessons/index.es.md" → "lessons/index.md" (others unchanged)."""
    return re.sub(r"\.(?:es|pt)\.(md|ipynb)$", r".\1", path)


def page_key(url):
    """The page's name in the reader's saved progress, the same in every language: "es/lessons/x/" → "lessons/x/"."""
    return _unprefixed(url)


def _unprefixed(url):
    for lang in LANGUAGES:
        if lang != DEFAULT and url.startswith(f"{lang}/"):
            return url[len(lang) + 1 :]
    return url


def is_fallback(page, config):
    """True for a page built from the English file in another language's build."""
    lang = language(config)
    return lang != DEFAULT and getattr(page.file, "locale", lang) != lang


def on_page_markdown(markdown, page, config, files):
    markup.begin_page(page_key(page.url), translated=language(config) != DEFAULT)
    if not is_fallback(page, config):
        return markdown
    notice = words.translate(NOT_YET, language(config))
    return f'!!! note ""\n    {notice}\n\n{markdown}'


def on_page_content(html, page, config, files):
    """A notebook page is built from the notebook, not from Markdown: its notice goes into the HTML."""
    if is_fallback(page, config) and page.file.src_uri.endswith(".ipynb"):
        notice = words.translate(NOT_YET, language(config))
        return f'<div class="admonition note"><p>{notice}</p></div>{html}'
    return html


def on_page_context(context, page, config, nav):
    global _palette
    context["knobs_alternates"] = alternates(page)  # the menu (overrides/partials/alternate.html)
    config.extra["alternate"] = [  # each language's root: the theme reads the sitemap.xml beside it
        {"name": name, "link": "./" if lang == DEFAULT else f"{lang}/", "lang": lang}
        for lang, name in LANGUAGES.items()
    ]
    if _palette is None:
        _palette = deepcopy(config.theme["palette"])
    lang = language(config)
    palette = deepcopy(_palette)
    for scheme in palette:
        if "toggle" in scheme:
            scheme["toggle"]["name"] = words.translate(scheme["toggle"]["name"], lang)
    config.theme["palette"] = palette
    return context


@event_priority(-110)  # after mkdocs-static-i18n (-100), which runs after mkdocs-jupyter
def on_files(files, config):
    """Keep the notebooks pages in every language. mkdocs-jupyter wraps each .ipynb as a page; the i18n plugin then
    remakes every file as a plain one, which would copy the notebook's JSON over its page. Wrapped again here: at
    notebooks/x/ in English, at es/notebooks/x/ and pt/notebooks/x/ from `x.es.ipynb` / `x.pt.ipynb` (or from the
    English notebook, with the notice, where a translation is missing)."""
    from mkdocs.structure.files import File
    from mkdocs_jupyter.plugin import NotebookFile

    lang = language(config)
    for file in [file for file in files if file.src_uri.endswith(".ipynb")]:
        plain = File(file.src_uri, config.docs_dir, config.site_dir, config.use_directory_urls)
        page = NotebookFile(plain, config.use_directory_urls, config.site_dir)
        translated = lang != DEFAULT and file.src_uri.endswith(f".{lang}.ipynb")
        if lang != DEFAULT:
            page.dest_path = f"{lang}/{_unsuffixed(page.dest_path, lang)}"
            page.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, page.dest_path))
            page.url = f"{lang}/{_unsuffixed(page.url, lang)}"
        page.locale = lang if translated else DEFAULT
        page.alternates = getattr(file, "alternates", {})
        files.remove(file)
        files.append(page)
    return files


def _unsuffixed(path, lang):
    """A translated notebook's address without its language: "notebooks/x.es/index.html" → "notebooks/x/index.html"."""
    return re.sub(rf"\.{lang}(?=/|$)", "", path, count=1)


def on_post_build(config):
    """The theme's instant navigation reads sitemap.xml beside each language's root (es/sitemap.xml, pt/…) to know
    which links it may swap in; the i18n plugin writes one, at the site root, listing every language's pages."""
    lang = language(config)
    root = Path(config.site_dir) / "sitemap.xml"
    if lang != DEFAULT and root.exists():
        shutil.copyfile(root, Path(config.site_dir) / lang / "sitemap.xml")


_english_404 = {}  # the English 404 page, written first: GitHub Pages serves one 404.html, at the site's root


def on_post_template(output_content, template_name, config):
    """Each language's build writes 404.html at the root; keep the default language's (English builds first)."""
    if template_name != "404.html":
        return output_content
    if language(config) == DEFAULT:
        _english_404["html"] = output_content
        return output_content
    return _english_404.get("html", output_content)

#!/usr/bin/env python3
"""Renders a report's report.md with two Markdown libraries (Python-Markdown with tables, and
markdown-it-py's CommonMark with GFM tables) and checks that nothing in it is live beyond what
GapMap writes itself: only plain structural tags, links only to the report's figures and to the
sources' http(s)/mailto URLs, images only of the report's figures, no event attributes.

    check_markdown.py REPORT_DIR [LITERAL ...]

Each LITERAL must appear in the rendered text of both renderings (shown, not interpreted).
Exit 0 when both renderings pass, 1 with the problems otherwise.
"""
import csv
import html.parser
import os
import sys

import markdown
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "h1", "h2", "h3", "p", "strong", "em", "code", "pre", "hr", "table", "thead", "tbody", "tr",
    "th", "td", "ul", "ol", "li", "a", "img", "br",
}


class Collector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def check(name, rendered, safe_urls, literals):
    c = Collector()
    c.feed(rendered)
    problems = []
    for tag, attrs in c.tags:
        if tag not in ALLOWED_TAGS:
            problems.append(f"{name}: <{tag}> from the Markdown")
        for k, v in attrs.items():
            if k.startswith("on") or k in ("style", "srcdoc", "formaction"):
                problems.append(f"{name}: <{tag} {k}={v!r}>")
        if tag == "a":
            href = attrs.get("href") or ""
            if not (href.startswith("figures/") or href in safe_urls):
                problems.append(f"{name}: link to {href!r}")
        if tag == "img":
            src = attrs.get("src") or ""
            if not src.startswith("figures/"):
                problems.append(f"{name}: image from {src!r}")
    text = " ".join("".join(c.text).split())
    for lit in literals:
        if " ".join(lit.split()) not in text:
            problems.append(f"{name}: {lit!r} is not shown literally")
    return problems


def main():
    folder = sys.argv[1]
    literals = sys.argv[2:]
    with open(os.path.join(folder, "report.md"), encoding="utf-8") as f:
        md = f.read()
    safe_urls = set()
    with open(os.path.join(folder, "tables", "sources.csv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            url = row.get("url", "").strip()
            if url.lower().startswith(("http://", "https://", "mailto:")):
                safe_urls.add(url)
                safe_urls.add(url.replace("%", "%25"))
    renderings = {
        "Python-Markdown": markdown.markdown(md, extensions=["tables"]),
        "markdown-it": MarkdownIt("commonmark").enable("table").render(md),
    }
    problems = []
    for name, rendered in renderings.items():
        problems += check(name, rendered, safe_urls, literals)
    for p in problems:
        print(p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()

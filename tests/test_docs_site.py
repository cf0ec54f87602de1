"""The built docs site: no Sphinx roles or stray ``**`` in its text, and Chinese search by word.

One ``mkdocs build --strict`` (some 7 s) into a temporary directory, shared by the tests of this
module. Skipped where the ``docs`` extra is not installed; ``.ci/run`` installs it before pytest.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ROLE = re.compile(r":(?:py:)?(?:func|class|meth|mod|data|attr|exc|obj):")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    for module in ("mkdocs", "material", "mkdocstrings_handlers.python"):
        pytest.importorskip(module, reason="the docs extra is not installed (pip install -e '.[docs]')")
    directory = tmp_path_factory.mktemp("site")
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(directory)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    return directory


class _Text(HTMLParser):
    """The text a reader sees outside code: code, scripts and styles are left out."""

    _SKIPPED = frozenset({"code", "pre", "script", "style", "kbd"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIPPED:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIPPED and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        # A boundary marker: text on either side of an element must not run together.
        self.parts.append("\x00[code]\x00" if self.depth else data)


def _pages(site: Path) -> dict[str, str]:
    pages = {}
    for path in sorted(site.rglob("*.html")):
        parser = _Text()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(site).as_posix()] = "".join(parser.parts)
    return pages


def _hits(pages: dict[str, str], pattern: re.Pattern[str]) -> list[str]:
    return [
        f"{name}: …{text[max(match.start() - 40, 0) : match.end() + 40]!r}…"
        for name, text in pages.items()
        for match in pattern.finditer(text)
    ]


def test_the_api_reference_is_rendered(site: Path) -> None:
    # The checks below would pass on an empty site.
    api = (site / "api" / "index.html").read_text(encoding="utf-8")
    assert 'id="perfscore.rates.budget_deviation"' in api


def test_no_sphinx_role_is_shown_literally(site: Path) -> None:
    # A role such as :func:`x` renders as the text ":func:" followed by code `x`.
    assert _hits(_pages(site), ROLE) == []


def test_no_literal_double_star_in_text(site: Path) -> None:
    # Markdown turns **x** into bold; a ** left in the text is a power (10**30) outside code, a
    # **kwargs, or bold that a table or griffe did not render.
    assert _hits(_pages(site), re.compile(r"\*\*")) == []


def test_cross_references_are_links(site: Path) -> None:
    # An autoref that resolved is a link to the object's anchor (mkdocs --strict fails otherwise).
    rules = (site / "rules" / "index.html").read_text(encoding="utf-8")
    link = r'<a class="autorefs[^>]* href="\.\./guarantees/#perfscore\.errors\.FrameworkError"'
    assert re.search(link, rules)


def test_chinese_search_finds_part_of_a_word(site: Path) -> None:
    pytest.importorskip("jieba", reason="jieba (the docs extra) segments Chinese for the search index")
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    # The search client splits the index's text with this separator (lunr's tokenizer).
    separator = re.compile(index["config"]["separator"])

    def tokens(entry: dict[str, str]) -> set[str]:
        return {token for token in separator.split(f"{entry['title']} {entry['text']}") if token}

    with_word = [entry for entry in index["docs"] if "预算偏离度" in entry["text"].replace("\u200b", "")]
    assert with_word, "no page mentions 预算偏离度"
    found = {entry["location"] for entry in with_word if "偏离" in tokens(entry)}
    # The reference of budget_deviation (预算偏离度) and the seed's 预算偏离度 section among them.
    assert "api/#perfscore.rates.budget_deviation" in found
    assert any(location.startswith("seed/") for location in found)
    # And a query for the whole word still finds it: segmentation does not lose 预算.
    assert all("预算" in tokens(entry) for entry in with_word if entry["location"] in found)


def test_the_search_client_finds_part_of_a_chinese_word(site: Path) -> None:
    # The theme's own search worker, run by node on the built index: what a reader's browser does.
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the search client cannot be run")
    pytest.importorskip("jieba", reason="jieba (the docs extra) segments Chinese for the search index")

    def search(query: str) -> list[str]:
        ran = subprocess.run(
            [node, str(ROOT / "tests" / "search_client.js"), str(site), query],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert ran.returncode == 0, ran.stderr
        answer = json.loads(ran.stdout)
        assert answer["ready"], "the search worker did not start"
        found: list[str] = answer["found"]
        return found

    # 偏离 alone (part of 预算偏离度): without segmentation it finds only pages where 偏离 stands alone.
    found = search("偏离")
    assert "api/#perfscore.rates.budget_deviation" in found
    assert any(location.startswith("seed/#") for location in found)
    assert "api/#perfscore.rates.budget_deviation" in search("预算偏离度")


def test_no_sphinx_role_in_the_source():
    # Cheap and without mkdocs: docstrings cross-reference with autorefs, [`Name`][perfscore.module.Name].
    role = re.compile(r":(?:py:)?(?:func|class|meth|mod|data|attr|exc|obj):`")
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "src").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if role.search(line)
    ]
    assert found == [], "write mkdocstrings cross-references instead"

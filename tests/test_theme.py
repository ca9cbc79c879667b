"""Our theme overrides every template Pelican's simple theme has, so nothing
renders unescaped through the simple theme's templates."""

from pathlib import Path

import pelican

from conftest import REPO, build

SIMPLE = Path(pelican.__file__).parent / "themes" / "simple" / "templates"


def test_every_simple_theme_template_is_overridden():
    simple = SIMPLE
    ours = {p.name for p in (REPO / "theme" / "templates").glob("*.html")}
    assert {p.name for p in simple.glob("*.html")} <= ours


def test_taxonomy_pages_use_our_theme_when_turned_on(site):
    settings = site / "pelicanconf.py"
    settings.write_text(
        settings.read_text()
        + '\nTAGS_SAVE_AS = "tags/index.html"\nTAG_SAVE_AS = "tag/{slug}/index.html"\n'
        + 'TAG_URL = "tag/{slug}/"\nARCHIVES_SAVE_AS = "archives/index.html"\n'
        + 'DIRECT_TEMPLATES = ["index", "archives", "tags"]\n'
    )
    article = site / "content" / "articles" / "2023-09-22-atacms-pledge.md"
    article.write_text(article.read_text().replace("Date:", "Tags: <b>missiles</b>\nDate:", 1))
    build(site)
    tags = (site / "output" / "tags" / "index.html").read_text()
    assert "<h1>Tags</h1>" in tags and "&lt;b&gt;missiles&lt;/b&gt;" in tags
    archives = (site / "output" / "archives" / "index.html").read_text()
    assert "US to provide ATACMS missiles to Ukraine, officials say" in archives

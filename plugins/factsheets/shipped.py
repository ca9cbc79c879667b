"""The page templates and static files this package ships, behind the site's own theme.

The plugin's pages are `factsheets/<name>.html` (system.html, topics.html, ...), so a theme's
own search.html or 404.html never replaces them by chance.  A site's THEME_TEMPLATES_OVERRIDES
and theme come first: a `factsheets/<name>.html` there replaces the plugin's on purpose, and
`!factsheets/<name>.html` always names the plugin's own, so a replacement can extend it and
change one block.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from jinja2 import BaseLoader, ChoiceLoader, FileSystemLoader, TemplateNotFound

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
FOLDER = "factsheets"  # the templates' folder, in this package and in a site's theme


def add_fallback_templates(generator) -> None:
    """Every generator gets them (a site's index.html may use the plugin's macros), and
    they are autoescaped whatever the site's JINJA_ENVIRONMENT says: Pelican's default
    leaves autoescaping off, and these print quotes from articles and fact sheets."""
    env = generator.env
    env.loader = ChoiceLoader([env.loader, PluginsOwn(), FileSystemLoader(str(TEMPLATES))])
    env.autoescape = _escaping(env.autoescape)


class PluginsOwn(BaseLoader):
    """`!factsheets/<name>`: the plugin's own template, whatever replaces it.  Compiled under
    that full name (Jinja's PrefixLoader would compile it as plain `<name>`), so it is
    autoescaped as the plugin's."""

    prefix = f"!{FOLDER}/"

    def __init__(self) -> None:
        self.files = FileSystemLoader(str(TEMPLATES / FOLDER))

    def get_source(self, environment, template: str):
        if not template.startswith(self.prefix):
            raise TemplateNotFound(template)
        return self.files.get_source(environment, template.removeprefix(self.prefix))


def _escaping(site_choice: bool | Callable) -> Callable[[str | None], bool]:
    def autoescape(name: str | None) -> bool:
        if name and (name.startswith(f"{FOLDER}/") or name.startswith(f"!{FOLDER}/")):
            return True
        return site_choice(name) if callable(site_choice) else bool(site_choice)

    return autoescape


def template_folders(settings) -> list[Path]:
    """Every folder a page's templates come from: the site's, in Pelican's order, then the
    plugin's.  What each page's digest reads, and what the live preview watches."""
    folders = [Path(folder) for folder in settings.get("THEME_TEMPLATES_OVERRIDES", [])]
    return [*folders, Path(settings["THEME"]) / "templates", TEMPLATES]


def static_files(output_folder: str) -> list[tuple[str, str, Path]]:
    """(name in the output, digest of its bytes, the shipped file) for each file the plugin's
    pages link: its stylesheet and scripts, under FACTSHEETS_STATIC_DIR."""
    found = []
    for source in sorted(STATIC.rglob("*")):
        if source.is_file():
            name = f"{output_folder}/{source.relative_to(STATIC).as_posix()}"
            found.append((name, hashlib.sha256(source.read_bytes()).hexdigest(), source))
    return found

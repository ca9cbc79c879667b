"""The README documents every setting, make target and command, and nothing that is gone
(sqlite-utils' test_docs habit): adding one without its line in the README fails here."""

import argparse
import re

from conftest import REPO
from factsheets.cli import build_parser
from factsheets.settings import DEFAULTS

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_settings_table_with_its_default():
    rows = dict(re.findall(r"^\| `(FACTSHEETS_\w+)` \| `([^`]*)` \|", README, re.MULTILINE))
    assert set(rows) == set(DEFAULTS), "README's Settings table and settings.DEFAULTS differ"
    for name, default in DEFAULTS.items():
        shown = f'"{default}"' if isinstance(default, str) else repr(default)
        assert rows[name] == shown, f"{name}: README says {rows[name]}, the code {shown}"


def test_every_make_target_is_in_the_readme():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][\w-]*):[^=\n]*##", makefile, re.MULTILINE))
    documented = set(re.findall(r"^\| `make ([a-z][\w-]*)", README, re.MULTILINE))
    assert targets, "no documented targets found in the Makefile"
    assert targets == documented, (
        f"undocumented: {sorted(targets - documented)}; gone: {sorted(documented - targets)}"
    )


def test_every_command_is_in_the_readme():
    parser = build_parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    documented = set(re.findall(r"\.venv/bin/factsheets ([a-z]+)", README))
    assert set(commands.choices) == documented, (
        f"undocumented: {sorted(set(commands.choices) - documented)}; "
        f"gone: {sorted(documented - set(commands.choices))}"
    )

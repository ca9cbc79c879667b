"""The golden site's whole output, byte for byte (see tests/golden.py; `make golden`
writes tests/golden/expected/ again after a change meant to alter the output)."""

import difflib

from golden import EXPECTED, build, files


def expected() -> dict[str, bytes]:
    return {
        path.relative_to(EXPECTED).as_posix(): path.read_bytes()
        for path in sorted(EXPECTED.rglob("*"))
        if path.is_file()
    }


def first_difference(name: str, want: bytes, got: bytes) -> str:
    lines = difflib.unified_diff(
        want.decode("utf-8", "replace").splitlines(),
        got.decode("utf-8", "replace").splitlines(),
        f"expected/{name}",
        f"built/{name}",
        lineterm="",
        n=1,
    )
    return "\n".join(list(lines)[:20])


def test_the_golden_site_builds_exactly_what_is_committed(tmp_path):
    want, got = expected(), files(build(tmp_path / "site"))
    assert len(want) > 30, "tests/golden/expected/ is missing: run make golden"
    missing, extra = sorted(set(want) - set(got)), sorted(set(got) - set(want))
    changed = sorted(name for name in set(want) & set(got) if want[name] != got[name])
    report = [f"missing: {missing}", f"new: {extra}", f"changed: {changed}"]
    if changed:
        report.append(first_difference(changed[0], want[changed[0]], got[changed[0]]))
    assert not (missing or extra or changed), (
        "the output differs from tests/golden/expected/; if the change is meant, run "
        "`make golden` and review the diff\n" + "\n".join(report)
    )


def test_the_golden_site_has_three_articles_and_three_sheets():
    names = expected()
    assert len([n for n in names if n.startswith("output/articles/")]) == 3
    assert len([n for n in names if n.startswith("content/facts/")]) == 3
    assert any(n.startswith("content/evidence/") for n in names)

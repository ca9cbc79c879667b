"""`make github`, run for real in a throwaway clone whose origin is a local bare repository.

The clone is of the committed tree (uncommitted work is not in it), and nothing here may
touch this checkout's branches or remotes: every git command runs in tmp_path.
"""

from pathlib import Path

from conftest import BIN, REPO, run

VENV = BIN.parent  # the venv running the tests; make reuses it instead of installing one
SITEURL = "https://example.org/factsheets-test"
IDENTITY = {
    "GIT_AUTHOR_NAME": "Test Publisher",
    "GIT_AUTHOR_EMAIL": "publisher@example.org",
    "GIT_COMMITTER_NAME": "Test Publisher",
    "GIT_COMMITTER_EMAIL": "publisher@example.org",
}


def git(*args: str, cwd: Path) -> str:
    return run("git", *args, cwd=cwd, env=IDENTITY).stdout.strip()


def repo_state() -> tuple[list[str], str, str]:
    """This checkout's branch and remote names, and its gh-pages and remote config.

    Not the commit main points to: another engineer may commit while the test runs.
    """
    names = git("for-each-ref", "--format=%(refname)", cwd=REPO).splitlines()
    gh_pages = run(
        "git", "rev-parse", "--verify", "-q", "refs/heads/gh-pages", cwd=REPO, check=False
    )
    remotes = run("git", "config", "--get-regexp", r"^remote\.", cwd=REPO, check=False)
    return sorted(names), gh_pages.stdout, remotes.stdout


def test_make_github_pushes_the_published_site_to_gh_pages(tmp_path):
    before = repo_state()
    installed = VENV / ".installed"
    installed_mtime = installed.stat().st_mtime_ns if installed.exists() else None

    bare = tmp_path / "origin.git"
    clone = tmp_path / "clone"
    git("init", "--quiet", "--bare", str(bare), cwd=tmp_path)
    git("clone", "--quiet", "--no-hardlinks", str(REPO), str(clone), cwd=tmp_path)
    git("remote", "set-url", "origin", str(bare), cwd=clone)
    assert git("remote", "get-url", "--push", "origin", cwd=clone) == str(bare)
    git("config", "user.name", IDENTITY["GIT_COMMITTER_NAME"], cwd=clone)
    git("config", "user.email", IDENTITY["GIT_COMMITTER_EMAIL"], cwd=clone)
    branch = git("symbolic-ref", "--short", "HEAD", cwd=clone)
    git("push", "--quiet", "origin", branch, cwd=clone)
    head = git("rev-parse", "HEAD", cwd=clone)

    # -o: the venv's install stamp counts as up to date, so make neither creates a venv nor
    # runs pip (which would re-point the shared editable install at this clone). Dry-run
    # first, so a renamed stamp fails here instead of reinstalling.
    make = ("make", "-o", installed, "github", f"VENV={VENV}", f"SITEURL={SITEURL}")
    planned = run(*make, "--dry-run", cwd=clone, env=IDENTITY).stdout
    assert "pip" not in planned and "venv" not in planned.replace(str(VENV), ""), planned
    result = run(*make, cwd=clone, env=IDENTITY)
    assert "pip install" not in result.stdout + result.stderr
    assert "[new branch]      gh-pages -> gh-pages" in result.stderr

    # The bare origin now has gh-pages, one commit holding output/ at its root.
    refs = git("for-each-ref", "--format=%(refname)", cwd=bare).splitlines()
    assert sorted(refs) == sorted([f"refs/heads/{branch}", "refs/heads/gh-pages"])
    assert git("log", "--format=%s|%cn <%ce>", "gh-pages", cwd=bare) == (
        "Generate Pelican site|Test Publisher <publisher@example.org>"
    )
    tree = set(git("ls-tree", "-r", "--name-only", "gh-pages", cwd=bare).splitlines())
    assert {"index.html", "systems/atacms/index.html", "feeds/all.atom.xml"} <= tree
    assert tree - {".nojekyll"} == {
        path.relative_to(clone / "output").as_posix()
        for path in (clone / "output").rglob("*")
        if path.is_file()
    }
    # ghp-import -n adds .nojekyll: Pages serves the files as they are, with no Jekyll run
    # dropping paths that start with "_".
    assert ".nojekyll" in tree
    index = git("show", "gh-pages:index.html", cwd=bare)
    assert f'href="{SITEURL}/systems/atacms/"' in index  # publishconf.py's absolute URLs

    # Only gh-pages was pushed: main on origin, and the clone's own branch, are unchanged,
    # and the build changed no tracked file (fact sheets included; output/ is ignored).
    assert git("rev-parse", f"refs/heads/{branch}", cwd=bare) == head
    assert git("rev-parse", "HEAD", cwd=clone) == head
    assert git("symbolic-ref", "--short", "HEAD", cwd=clone) == branch
    assert git("status", "--porcelain", "--untracked-files=all", cwd=clone) == ""
    assert git("check-ignore", "output/index.html", cwd=clone) == "output/index.html"

    # This checkout: same branches, no gh-pages, same remotes; the venv was not reinstalled.
    assert repo_state() == before
    assert (installed.stat().st_mtime_ns if installed.exists() else None) == installed_mtime

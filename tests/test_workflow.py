"""The GitHub Pages workflow: passes actionlint and publishes the README's build."""

import yaml

from conftest import REPO, run

WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"
ACTIONLINT = REPO / "node_modules" / "@tktco" / "node-actionlint" / "bin" / "node-actionlint.js"


def test_workflow_passes_actionlint():
    result = run("node", ACTIONLINT, WORKFLOW, cwd=REPO, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_builds_with_publishconf_and_deploys_to_pages():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    build_steps = workflow["jobs"]["build"]["steps"]
    uses = [step.get("uses", "").split("@")[0] for step in build_steps]
    assert "actions/upload-pages-artifact" in uses and "actions/setup-python" in uses
    # The build cache comes back before the build, so a deploy re-extracts only what changed.
    cache = next(step for step in build_steps if step.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == "cache"
    publish = next(step for step in build_steps if step.get("run") == "make publish")
    assert publish["env"]["SITEURL"] == "${{ steps.pages.outputs.base_url }}"
    assert build_steps.index(cache) < build_steps.index(publish)
    deploy = workflow["jobs"]["deploy"]["steps"][0]["uses"]
    assert deploy.startswith("actions/deploy-pages@")
    assert workflow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads `on:` as True

"""References and files that try to leave the scanned root, loop, block or hide.

Template references are confined to the root (SL003, never opened); symlinked
directories pointing out or in circles are not followed; unreadable files are
SL001 (unless running as root, where chmod 000 does not deny reads).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hostile_support import add_canary, assert_canary, assert_clean_exit, check_json

from spotlint.config.settings import Settings
from spotlint.engine import lint

TEMPLATE = "kind: Pod\nspec:\n  nodeSelector:\n    karpenter.sh/capacity-type: spot\n"


def app(ref: str) -> str:
    return (
        "apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\n"
        "metadata: {name: a}\nspec:\n  sparkConf:\n"
        f"    spark.kubernetes.driver.podTemplateFile: {ref!r}\n"
    )


@pytest.fixture
def layout(tmp_path: Path) -> tuple[Path, Path]:
    """``root/`` is scanned; ``outside/template.yaml`` must never be read."""
    root, outside = tmp_path / "root", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (outside / "template.yaml").write_text(TEMPLATE)
    add_canary(root)
    return root, outside


@pytest.mark.parametrize(
    "ref",
    [
        "{outside}/template.yaml",
        "../outside/template.yaml",
        "file://{outside}/template.yaml",
        "sub/../../outside/template.yaml",
        "link/template.yaml",
        "filelink.yaml",
        "/etc/passwd",
    ],
)
def test_references_leaving_the_root_are_sl003_and_not_read(
    layout: tuple[Path, Path], ref: str
) -> None:
    root, outside = layout
    os.symlink(outside, root / "link")
    os.symlink(outside / "template.yaml", root / "filelink.yaml")
    (root / "app.yaml").write_text(app(ref.format(outside=outside)))
    result = lint([str(root)], Settings(root=str(root)))
    on_app = [(f.code, f.message) for f in result.findings if f.location.path.endswith("app.yaml")]
    assert any(code == "SL003" and "outside the scanned root" in m for code, m in on_app), on_app
    assert not any(str(outside) in f.location.path for f in result.findings)
    assert "SL101" not in {c for c, _ in on_app}  # the outside template was never merged
    assert "SL101" in {f.code for f in result.findings if f.location.path.endswith("canary.conf")}


def test_reference_to_a_fifo_or_device_inside_the_root_is_sl003(layout: tuple[Path, Path]) -> None:
    root, _ = layout
    os.mkfifo(root / "pipe.yaml")
    (root / "app.yaml").write_text(app("pipe.yaml"))
    (root / "dev.yaml").write_text(app("/dev/zero").replace("name: a", "name: b"))
    run = check_json(root, timeout=20)
    assert_clean_exit(run)
    assert [f["code"] for f in run.findings("app.yaml") if f["code"].startswith("SL0")] == ["SL003"]
    assert [f["code"] for f in run.findings("dev.yaml") if f["code"].startswith("SL0")] == ["SL003"]
    assert_canary(run)


def test_symlink_loops_and_links_out_of_the_root_are_not_walked(layout: tuple[Path, Path]) -> None:
    root, outside = layout
    (root / "a").mkdir()
    os.symlink("..", root / "a" / "up")  # a loop back to the root
    os.symlink(root / "a", root / "a" / "self")
    os.symlink(outside, root / "a" / "out")
    (outside / "x.conf").write_text("spark.kubernetes.driver.node.selector.x spot\n")
    run = check_json(root, timeout=20)
    assert_canary(run)
    paths = {f["path"] for f in run.report()["findings"]}
    assert paths == {"canary.conf"}, paths


def test_unreadable_file_is_sl001_or_read_when_running_as_root(
    layout: tuple[Path, Path],
) -> None:
    root, _ = layout
    secret = root / "secret.conf"
    secret.write_text("spark.kubernetes.driver.node.selector.karpenter.sh/capacity-type spot\n")
    secret.chmod(0)
    try:
        readable = os.access(secret, os.R_OK)  # True for root: chmod does not stop it
        run = check_json(root, timeout=20)
    finally:
        secret.chmod(0o644)
    assert_clean_exit(run)
    codes = [(f["code"], f["message"]) for f in run.findings("secret.conf")]
    if readable:
        assert "SL101" in {c for c, _ in codes}
    else:
        assert ("SL001", "cannot read file: Permission denied") in codes
    assert_canary(run)


def test_hostile_gitignore_does_not_stall_the_walk(layout: tuple[Path, Path]) -> None:
    root, _ = layout
    patterns = ["*a" * 30 + "b", "**/" * 50 + "x", "[", "!", "\\", "a/**/b/**/c/**/d"]
    (root / ".gitignore").write_text("\n".join(patterns * 200) + "\n")
    deep = root / ("a" * 50) / ("a" * 50)
    deep.mkdir(parents=True)
    (deep / ("a" * 100 + ".conf")).write_text("spark.x 1\n")
    run = check_json(root, timeout=20)
    assert_canary(run)
    assert run.seconds < 15


def test_file_url_inside_the_root_is_followed(layout: tuple[Path, Path]) -> None:
    """``file://`` names a local file: resolved like a path, not skipped as remote."""
    root, _ = layout
    (root / "tpl.yaml").write_text(TEMPLATE)  # no role of its own: only the link gives one
    (root / "app.yaml").write_text(app(f"file://{root}/tpl.yaml"))
    result = lint([str(root)], Settings(root=str(root)))
    codes = {f.code for f in result.findings if not f.location.path.endswith("canary.conf")}
    assert "SL003" not in codes
    assert "SL101" in codes  # the driver, placed by the linked template, is on Spot

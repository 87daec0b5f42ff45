"""What ``--fix`` and ``--output`` write: whole files or nothing, in the file's own encoding.

A write that fails (here: a file-size limit, as on a full disk) leaves the old
file intact and is reported, and every other file is still fixed; ``--fix``
keeps a file's encoding, byte-order mark and each region's line endings; a
symlink named on the command line that leads out of the root is never
written through.
"""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

#: SL201 is missing and safely fixable (two keys are appended).
CONF = "spark.kubernetes.executor.node.selector.karpenter.sh/capacity-type spot\n"
FIXED_KEY = "spark.decommission.enabled"

_LIMITED_CLI = (
    "import resource, signal, sys\n"
    "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
    "limit = int(sys.argv[1])\n"
    "resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))\n"
    "sys.argv = ['spotlint', *sys.argv[2:]]\n"
    "from spotlint.cli import main\n"
    "main()\n"
)


def _cli(args: list[str], cwd: Path, max_file_size: int) -> subprocess.CompletedProcess[str]:
    """``spotlint <args>`` where no file may grow beyond ``max_file_size`` bytes."""
    env = dict(os.environ, SPOTLINT_DISABLE_PLUGIN_AUTOLOAD="1")
    return subprocess.run(
        [sys.executable, "-c", _LIMITED_CLI, str(max_file_size), *args],
        cwd=cwd, capture_output=True, text=True, timeout=120, env=env, check=False,
    )


def _big_app(padding: int) -> str:
    """A SparkApplication missing SL201's keys, made long by a comment block."""
    return (
        "apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\n"
        "metadata: {name: big}\nspec:\n"
        + "".join(f"  # padding line {i:06d} ..........................................\n"
                  for i in range(padding))
        + "  sparkConf:\n"
        "    spark.kubernetes.executor.node.selector.karpenter.sh/capacity-type: spot\n"
    )


def test_a_failed_write_leaves_the_file_whole_and_the_others_fixed(tmp_path: Path) -> None:
    big = _big_app(120)  # ~8.5 KB, over the 6 KB limit once written
    (tmp_path / "big.yaml").write_text(big)
    (tmp_path / "small.conf").write_text(CONF)
    run = _cli(["check", "--isolated", "--fix", "--select", "SL201", "--format", "json", "."],
               tmp_path, 6000)
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr, run.stderr
    assert run.returncode == 1, run.stderr  # big.yaml still has its SL201
    assert (tmp_path / "big.yaml").read_text() == big
    assert FIXED_KEY in (tmp_path / "small.conf").read_text()
    assert "cannot write big.yaml" in run.stderr
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".spotlint-tmp")]
    import json

    remaining = {(f["path"], f["code"]) for f in json.loads(run.stdout)["findings"]}
    assert ("big.yaml", "SL201") in remaining  # reported as it is on disk
    assert ("small.conf", "SL201") not in remaining


def test_a_failed_report_write_keeps_the_previous_report(tmp_path: Path) -> None:
    (tmp_path / "a.conf").write_text(CONF)
    report = tmp_path / "report.sarif"
    report.write_text("previous\n")
    run = _cli(["check", "--isolated", "--format", "sarif", "--output", str(report), "a.conf"],
               tmp_path, 4000)
    assert run.returncode == 2, run.stderr
    assert "cannot write" in run.stderr and "internal error" not in run.stderr
    assert report.read_text() == "previous\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write read-only files")
def test_a_read_only_file_is_reported_and_not_replaced(tmp_path: Path) -> None:
    locked, other = tmp_path / "locked.conf", tmp_path / "other.conf"
    locked.write_text(CONF)
    other.write_text(CONF)
    locked.chmod(0o444)
    run = _cli(["check", "--isolated", "--fix", "."], tmp_path, 1 << 30)
    assert "cannot write locked.conf" in run.stderr
    assert locked.read_text() == CONF
    assert FIXED_KEY in other.read_text()


@pytest.mark.parametrize(
    ("codec", "bom"),
    [
        ("utf-32-be", codecs.BOM_UTF32_BE),
        ("utf-32-le", codecs.BOM_UTF32_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-8", codecs.BOM_UTF8),
    ],
)
def test_fix_keeps_the_encoding_and_bom(tmp_path: Path, codec: str, bom: bytes) -> None:
    path = tmp_path / "spark-defaults.conf"
    path.write_bytes(bom + CONF.encode(codec))
    run = _cli(["check", "--isolated", "--fix", "spark-defaults.conf"], tmp_path, 1 << 30)
    assert "internal error" not in run.stderr, run.stderr
    data = path.read_bytes()
    assert data.startswith(bom)
    text = data[len(bom):].decode(codec)
    assert text.startswith(CONF) and FIXED_KEY in text


def test_fix_keeps_each_regions_line_endings(tmp_path: Path) -> None:
    """CR LF at the top, LF where the fix inserts: the inserted lines use LF."""
    conf = tmp_path / "spark-defaults.conf"
    conf.write_bytes(b"spark.executor.instances 2\r\n" + CONF.encode() + b"spark.x 1\n")
    app = tmp_path / "app.yaml"
    app.write_bytes(
        b"apiVersion: sparkoperator.k8s.io/v1beta2\r\nkind: SparkApplication\r\n"
        b"metadata: {name: a}\r\nspec:\n  sparkConf:\n"
        b"    spark.kubernetes.executor.node.selector.karpenter.sh/capacity-type: spot\n"
    )
    run = _cli(["check", "--isolated", "--fix", "--select", "SL201", "."], tmp_path, 1 << 30)
    assert "fixed" in run.stderr, run.stderr
    for path, crlf_lines in ((conf, 1), (app, 3)):
        data = path.read_bytes()
        assert FIXED_KEY.encode() in data
        assert data.count(b"\r\n") == crlf_lines, data
        assert b"\r\n" not in data[data.index(FIXED_KEY.encode()) - 2:]


def test_fix_never_writes_through_a_symlink_leading_out(tmp_path: Path) -> None:
    root, outside = tmp_path / "root", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    target = outside / "spark-defaults.conf"
    target.write_text(CONF)
    before = target.stat().st_mtime_ns
    os.symlink(target, root / "link.conf")
    time.sleep(0.01)
    run = _cli(["check", "--isolated", "--fix", "--format", "json", "link.conf"], root, 1 << 30)
    assert "internal error" not in run.stderr, run.stderr
    assert target.read_text() == CONF and target.stat().st_mtime_ns == before
    assert os.path.islink(root / "link.conf")
    assert "outside the scanned root" in run.stdout


def test_fix_through_a_symlink_inside_the_root_edits_the_target(tmp_path: Path) -> None:
    (tmp_path / "conf").mkdir()
    target = tmp_path / "conf" / "spark-defaults.conf"
    target.write_text(CONF)
    os.symlink(target, tmp_path / "link.conf")
    run = _cli(["check", "--isolated", "--fix", "link.conf"], tmp_path, 1 << 30)
    assert "internal error" not in run.stderr, run.stderr
    assert os.path.islink(tmp_path / "link.conf")
    assert FIXED_KEY in target.read_text()

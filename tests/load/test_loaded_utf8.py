"""``LoadedFile.utf8``: the loader's text is the file's own bytes decoded as UTF-8.

A report that needs the file's text (SARIF's line hashes) takes the loaded text
instead of reading the file again only when this holds, so it must be false
whenever reading the file would give another text: a byte-order mark (the
loader drops it, UTF-16 is another encoding), a text the loader replaced,
standard input, an editor's overlay.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from spotlint.config.settings import Settings
from spotlint.engine import lint
from spotlint.load.base import Limits
from spotlint.load.files import load_bytes

POD = "apiVersion: v1\nkind: Pod\nspec:\n  nodeSelector:\n    karpenter.sh/capacity-type: spot\n"
#: a SparkApplication with findings (its driver may run on Spot, and more)
JOB = (Path(__file__).resolve().parents[2] / "examples" / "jobs" / "nightly-etl.yaml").read_text()


def test_plain_utf8_files_are_their_own_text() -> None:
    for name, text in [("p.yaml", POD), ("j.json", '{"a": "é"}'), ("s.conf", "spark.a 1\n"),
                       ("r.sh", "spark-submit --conf a=b\n"), ("g.md", "# t\n")]:
        loaded = load_bytes(name, text.encode("utf-8"), Limits())
        assert loaded.utf8, name
        assert loaded.text == text


def test_templated_yaml_keeps_its_own_text() -> None:
    text = "apiVersion: v1\nkind: Pod\nspec:\n  {{- toYaml .Values.spec | nindent 2 }}\n"
    loaded = load_bytes("charts/x/templates/p.yaml", text.encode(), Limits())
    assert loaded.templated and loaded.text == text and loaded.utf8


def test_a_byte_order_mark_or_a_replaced_text_is_not() -> None:
    for data in (codecs.BOM_UTF8 + POD.encode(), codecs.BOM_UTF16_LE + POD.encode("utf-16-le"),
                 codecs.BOM_UTF16_BE + POD.encode("utf-16-be")):
        loaded = load_bytes("p.yaml", data, Limits())
        assert loaded.text == POD and not loaded.utf8
    assert not load_bytes("p.yaml", b"a: \xff\n", Limits()).utf8  # not UTF-8: no text
    many = load_bytes("r.sh", b"a " * 50, Limits(max_nodes=10))
    assert many.text == "" and not many.utf8  # the loader dropped the text


def _sources(result: object) -> dict[str, bool]:
    return {Path(p).name: s.utf8 for p, s in result.sources.items()}  # type: ignore[attr-defined]


def test_run_sources_say_where_the_text_came_from(tmp_path: Path) -> None:
    (tmp_path / "disk.yaml").write_text(JOB)
    (tmp_path / "bom.yaml").write_bytes(codecs.BOM_UTF8 + JOB.encode())
    (tmp_path / "edited.yaml").write_text(JOB)
    settings = Settings(root=str(tmp_path))
    result = lint([str(tmp_path)], settings,
                  overlay={str(tmp_path / "edited.yaml"): JOB.encode() + b"# edited\n"})
    assert _sources(result) == {"disk.yaml": True, "bom.yaml": False, "edited.yaml": False}
    piped = lint(["-"], Settings(root=str(tmp_path), stdin_filename=str(tmp_path / "disk.yaml")),
                 stdin=JOB.encode())
    assert _sources(piped) == {"disk.yaml": False}

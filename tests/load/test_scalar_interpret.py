"""A scalar read without asking the resolver reads as the resolver would read it.

The YAML builder interprets each distinct text once: an untagged quoted or block
text, or a plain one whose first character no implicit resolver looks at, is read
as a string without asking the resolver. Every other scalar goes through it.
Both ways must give the same value, tag, unknown flag, key-keeping and width, for
every scalar of the examples and the shared corpus and for texts starting with
every character, in every style.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml._yaml

from spotlint.load import yaml_events, yaml_loader
from spotlint.load.base import Limits

ROOT = Path(__file__).resolve().parents[2]


def _scalars(text: str) -> list[Any]:
    found: list[Any] = []
    yaml_events.begin()
    try:
        parser: Any = yaml._yaml.CParser(text)
        while True:
            event: Any = parser.get_event()
            if type(event) is tuple:
                found.append(event)
            elif type(event).__name__ == "StreamEndEvent":
                break
    except yaml.YAMLError:
        pass
    finally:
        yaml_events.end()
    return found


def _synthetic() -> list[str]:
    words = ["", "a", "ab c", "${X}", "{{ v }}", "<bucket>", "a\\tb", "é", "☃x", "1", "1.5",
             "0x1F", "1e3", ".inf", "-", "~", "null", "Null", "yes", "No", "on", "OFF", "y",
             "=", "<<", "!", "&", "*", "2024-01-01", "1:20", "+1", "spark.x"]
    words += [chr(c) + "word" for c in range(33, 127) if chr(c) not in "#'\"[]{},|>%@`:"]
    lines = []
    for word in words:
        lines.append(f"- {word}")
        lines.append(f"- '{word}'")
        lines.append(f'- "{word}"')
        lines.append(f"- |\n  {word}")
        lines.append(f"- {word}: 1")
    return ["\n".join(lines) + "\n", "- a\n  b\n- 'c\n\n  d'\n- >\n  e\n  f\n- g\n\n  h\n"]


def _texts(corpus: Path) -> list[str]:
    texts = _synthetic()
    for top in (ROOT / "examples", ROOT / "rules" / "examples", corpus):
        for path in sorted(top.rglob("*")):
            if path.is_file() and path.suffix in (".yaml", ".yml", ".json"):
                texts.append(path.read_text("utf-8", errors="replace"))
    return texts


def _typed(answer: tuple[Any, ...]) -> list[tuple[type, Any]]:
    return [(type(part), part) for part in answer]


def test_every_scalar_reads_as_the_resolver_reads_it(corpus: Path) -> None:
    builder = yaml_loader._Builder("t.yaml", Limits(), None)
    fast = checked = 0
    for text in _texts(corpus):
        for event in _scalars(text):
            answer = builder._interpret(event)
            assert _typed(answer) == _typed(builder._resolved(event)), event
            checked += 1
            fast += event[1] is None and (not event[2][0] or (
                event[3] != "" and event[3][0] not in (yaml_loader._PLAIN_FIRST or "")))
    assert checked > 10_000 and fast > checked // 3, (checked, fast)

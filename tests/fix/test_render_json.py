"""A JSON string written for a fix is what ``json.dumps(..., ensure_ascii=False)`` writes.

:func:`spotlint.fix.render.json_scalar` (and :func:`yaml_scalar` when a value
must be double-quoted) writes strings with the encoder's own function; the text
must be ``json.dumps``'s for every kind of character.
"""

from __future__ import annotations

import json
import random

from spotlint.fix.render import json_scalar, yaml_scalar

SAMPLES = ["", "spot", "true", "4", 'a"b', "a\\b", "\n\t\r\x00\x1f\x7f", "é 😀 \u2028",
           "\ud800", "</script>", "a: b", "'q'", "- x", "#c"]


def test_strings_and_values_as_json_dumps_writes_them() -> None:
    rng = random.Random(6)
    alphabet = [chr(c) for c in (*range(0, 128), 0xE9, 0x2028, 0xD800, 0xDFFF, 0x1F600)]
    values: list[str | bool | int] = [*SAMPLES, True, False, 0, -7, 10**20]
    values += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
               for _ in range(2000)]
    for value in values:
        assert json_scalar(value) == json.dumps(value, ensure_ascii=False), value
        if isinstance(value, str):  # a double-quoted YAML scalar is written as JSON
            assert yaml_scalar(value, '"') == json.dumps(value, ensure_ascii=False), value

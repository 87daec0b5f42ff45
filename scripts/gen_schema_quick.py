"""Regenerate spotlint/recognize/schema_quick.py, the input schemas' quick tests (SL002).

Run after changing a schema in ``schemas/inputs`` (the test
``tests/recognize/test_schema_quick.py`` fails until then)::

    python scripts/gen_schema_quick.py
"""

from __future__ import annotations

import sys
from pathlib import Path

OUTPUT = Path(__file__).resolve().parents[1] / "spotlint" / "recognize" / "schema_quick.py"


def main() -> int:
    from spotlint.recognize.schema_source import shipped_source

    OUTPUT.write_text(shipped_source(), encoding="utf-8")
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

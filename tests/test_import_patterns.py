"""Patterns a run seldom uses are compiled when first used, not when their module is
imported: imports happen before a split run's fork, where every millisecond is wall
time, and most runs never ask these questions."""

from __future__ import annotations

import subprocess
import sys

#: Each module's functions that compile such a pattern (once, when first called).
_LAZY = {
    "spotlint.report.escape": ("_unsafe", "_surrogate"),
    "spotlint.filter.suppress": ("_directive", "_reason"),
    "spotlint.capacity.instances": ("_size",),
    "spotlint.sparkconf.values": ("_scheme",),
    "spotlint.sparkconf.catalog": ("_volume_key",),
    "spotlint.fix.tree": ("_marker",),
}


def test_importing_compiles_none_of_the_seldom_used_patterns() -> None:
    code = (
        "import importlib, re, sys\n"
        "compiled = set()\n"
        "real = re._compile\n"
        "def spy(pattern, flags):\n"
        "    compiled.add(pattern)\n"
        "    return real(pattern, flags)\n"
        "re._compile = spy\n"
        f"lazy = {_LAZY!r}\n"
        "for name in lazy:\n"
        "    importlib.import_module(name)\n"
        "at_import = set(compiled)\n"
        "for name, attrs in lazy.items():\n"
        "    for attr in attrs:\n"
        "        function = getattr(sys.modules[name], attr)\n"
        "        assert function.cache_info().currsize == 0, (name, attr)  # not asked yet\n"
        "        pattern = function()\n"
        "        assert isinstance(pattern, re.Pattern), (name, attr)\n"
        "        assert pattern.pattern not in at_import, (name, attr)  # nor at import\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_patterns_still_answer() -> None:
    from spotlint.capacity.instances import Catalog
    from spotlint.filter.suppress import parse_body
    from spotlint.sparkconf.values import lacks_trailing_slash

    catalog = Catalog({})
    assert catalog.is_real("p3.2xlarge") and not catalog.is_real("p3.huge")
    assert parse_body("SL101 until=2027-01-01 -- reason here") == (
        ("SL101",), "2027-01-01", "reason here")
    assert lacks_trailing_slash("s3://${BUCKET}") is True
    assert lacks_trailing_slash("s3://b/${DIR}") is None

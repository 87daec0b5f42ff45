"""Spark configuration knowledge: the conf catalog and Spark's value parsing."""

from __future__ import annotations

from spotlint.sparkconf.catalog import Catalog, ConfSpec, WrongKey, catalog, lookup, suggest
from spotlint.sparkconf.values import effective_bool, effective_text, parse_bool, type_error

__all__ = [
    "Catalog",
    "ConfSpec",
    "WrongKey",
    "catalog",
    "effective_bool",
    "effective_text",
    "lookup",
    "parse_bool",
    "suggest",
    "type_error",
]

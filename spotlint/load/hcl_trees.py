"""Syntax trees a Terraform module's scope parsed lately, for the files' own reads.

A file's Terraform scope reads every other ``.tf`` and ``.tfvars`` file of its
directory (:mod:`spotlint.load.hcl_module`); the file read next is often one
of them (the next record of a first run, the next file of a run), and its tree
was then made twice. The reader gives the same tree for the same text and
limits, so the tree is handed over once, when the text is the same. Few are
kept: the files of one module are read together.
"""

from __future__ import annotations

import os

from spotlint.load import hcl
from spotlint.load.base import Limits

_TREES: dict[str, tuple[str, Limits, hcl.Body]] = {}
_KEPT = 16


def keep_tree(path: str, text: str, limits: Limits, body: hcl.Body) -> None:
    """Remember the tree of ``path`` holding ``text`` (read with ``limits``)."""
    if len(_TREES) >= _KEPT:
        del _TREES[next(iter(_TREES))]
    _TREES[os.path.abspath(path)] = (text, limits, body)


def kept_tree(path: str, text: str, limits: Limits) -> hcl.Body | None:
    """The tree :func:`keep_tree` kept for ``path`` when it was made of ``text`` with
    ``limits``, once (None otherwise)."""
    found = _TREES.pop(os.path.abspath(path), None)
    if found is None or found[0] != text or found[1] != limits:
        return None
    return found[2]

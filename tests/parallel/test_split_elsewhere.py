"""A part's findings in other files must lie in a file some part read
(parallel.Part.reported_elsewhere): a read candidate spelled as its key answers by a
set lookup, any other spelling by normalizing the candidates that may be it, and the
answers are those of normalizing every read candidate."""

from __future__ import annotations

import os
from typing import Any, cast

import pytest

from spotlint.engine import parallel
from spotlint.load.discover import Candidate


class _Counted(str):
    """A path that counts the searches in it (the slow way's test of a candidate)."""

    searched = 0

    def __contains__(self, name: object) -> bool:
        _Counted.searched += 1
        return super().__contains__(cast(str, name))


def _part(paths: list[str], read: list[int]) -> parallel.Part:
    found = [Candidate(_Counted(path), False) for path in paths]
    part = parallel.Part(cast(Any, None), found, "/", cast(Any, None))
    part.read = bytearray(read)
    return part


PATHS = ["a/pod.yaml", "./b/pod.yaml", "c//x/../pool.yaml", "d/unread.yaml", "e/pod.yaml"]
READ = [1, 1, 1, 0, 1]


def _serial_answer(paths: list[str]) -> bool:
    """Whether every path is the key (normalized path) of a read candidate."""
    keys = {os.path.normpath(p) for p, r in zip(PATHS, READ, strict=True) if r}
    return all(path in keys for path in paths)


@pytest.mark.parametrize("asked", [
    ["a/pod.yaml"],
    ["a/pod.yaml", "e/pod.yaml"],
    ["b/pod.yaml"],  # (a candidate spelled ./b/pod.yaml)
    ["c/pool.yaml", "a/pod.yaml"],
    ["./b/pod.yaml"],  # (a spelling no key has, though a read candidate has it)
    ["d/unread.yaml"],
    ["a/pod.yaml", "d/unread.yaml"],
    ["f/nowhere.yaml"],
    ["c//x/../pool.yaml"],
])
def test_answers_are_those_of_normalizing_every_read_candidate(asked: list[str]) -> None:
    part = _part(PATHS, READ)
    if _serial_answer(asked):
        part.reported_elsewhere(set(asked))
    else:
        with pytest.raises(parallel.Unsupported):
            part.reported_elsewhere(set(asked))


def test_paths_spelled_as_read_candidates_need_no_scan() -> None:
    part = _part(PATHS, READ)
    _Counted.searched = 0
    part.reported_elsewhere({"a/pod.yaml", "e/pod.yaml"})
    assert _Counted.searched == 0
    part.reported_elsewhere({"b/pod.yaml"})  # (the walk spelled it otherwise)
    assert _Counted.searched > 0

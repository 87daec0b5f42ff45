"""Selection finds, among files only scanned, those that may define a pool's node class.

A scanned file stands in as a possible node class of any name its words allow
(spotlint.index.roles: every word of the name must be a word of the file); the
selection looks the name's words up among each such file's words
(spotlint.index.select). A pool naming ``spark-nvme`` must draw in the scanned files
spelling that word anywhere, and none of those that do not (``spark-nvme-large`` is
another word).
"""

from __future__ import annotations

from spotlint.index.context import stand_in_for
from spotlint.index.roles import scan
from spotlint.index.select import select

NODE_CLASS = b"""\
apiVersion: karpenter.k8s.aws/v1
kind: EC2NodeClass
metadata:
  name: %s
spec:
  role: KarpenterNodeRole
"""


def _scanned(name: bytes) -> dict[str, object]:
    return scan("classes.yaml", NODE_CLASS % name, 1 << 20)


def test_a_pool_draws_in_the_scanned_files_spelling_its_node_class() -> None:
    files = {
        "a/spark.yaml": _scanned(b"spark-nvme"),
        "b/other.yaml": _scanned(b"default"),
        "c/longer.yaml": _scanned(b"spark-nvme-large"),
        # the word as a value elsewhere: the scan cannot tell it is no name
        "d/words.yaml": _scanned(b"default\n  labels: {team: spark-nvme}"),
    }
    records: dict[str, dict[str, object]] = {
        rel: stand_in_for(summary, rel, ["pools/pool.yaml"]) for rel, summary in files.items()}
    records["pools/pool.yaml"] = {"pools": [{"node_class": "spark-nvme"}]}
    order = ["a/spark.yaml", "b/other.yaml", "c/longer.yaml", "d/words.yaml", "pools/pool.yaml"]
    chosen = select(["pools/pool.yaml"], records, order, mapped_clusters=False)
    assert "a/spark.yaml" in chosen
    assert "d/words.yaml" in chosen
    assert "b/other.yaml" not in chosen
    assert "c/longer.yaml" not in chosen


def test_the_files_spelling_a_word_are_those_whose_words_hold_it() -> None:
    # (_Spelling finds a word in all the files' words joined: each answer is the files
    # whose own words, split at blanks, hold the word, for files of every shape)
    import random

    from spotlint.index.select import _Spelling, _word_set

    vocabulary = ["a", "ab", "b", "spark", "spark-nvme", "nvme", "x.y", "-", "default"]
    rng = random.Random(7)
    for _ in range(300):
        files = []
        for number in range(rng.randrange(0, 7)):
            words = [rng.choice(vocabulary) for _ in range(rng.randrange(0, 5))]
            text = " ".join(words)
            if rng.random() < 0.7:  # (as the scan stores them: a blank around each word)
                text = f" {text} " if text else " "
            files.append((f"f{number}.yaml", text))
        spelling = _Spelling(files)
        for word in [*vocabulary, "spar", "nvme-", "c"]:
            expected = {path for path, words in files if word in _word_set(words)}
            assert spelling.spelling(word) == expected, (files, word)
            assert spelling.spelling(word) == expected  # (asked again: remembered)

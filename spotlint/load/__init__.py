"""Files in and out: which files, their bytes, and located value trees (format knowledge, part one).

* :mod:`.discover` and :mod:`.prefilter`: which files a run reads, and which are worth parsing;
* :mod:`.files`, :mod:`.yaml_loader`, :mod:`.properties`, :mod:`.shell`, :mod:`.submit_args`:
  bytes to located trees, per format (:mod:`.pyyaml` imports PyYAML for them);
* :mod:`.boundary`: the one answer to "is this path inside the scanned root?";
* :mod:`.safe_write`: the one way spotlint writes a file (fixes, outputs, baselines).
"""

from __future__ import annotations

from spotlint.load.base import Limits, LoadedFile, LoadError

__all__ = ["Limits", "LoadError", "LoadedFile"]

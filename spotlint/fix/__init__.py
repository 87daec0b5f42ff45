"""Autofix: turn the fixes rules attach to findings into edits of the user's files.

Rules describe a fix as changes on located model values (``SetValue``,
``InsertKey``, ``AppendArgs`` in :mod:`spotlint.rule`); they never see file
text. This package resolves those changes into minimal text edits per format
(:mod:`.resolve`), applies them, and checks that the edited file still parses
to the original data plus exactly the intended change (:mod:`.verify`) before
anything is written (:mod:`.apply`). :mod:`.conf` builds the changes that set a
Spark conf on a job, wherever that job keeps its confs.
"""

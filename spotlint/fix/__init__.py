"""Autofix: turn the fixes rules attach to findings into edits of the user's files.

Rules describe a fix as changes on located model values (``SetValue``,
``InsertKey``, ``AppendArgs`` in :mod:`spotlint.rule`); they never see file
text. This package resolves those changes into minimal text edits per format
(:mod:`.resolve`), applies them, and checks that the edited file still parses
to the original data plus exactly the intended change (:mod:`.verify`) before
anything is written (:mod:`.apply`). :mod:`.conf` builds the changes that set a
Spark conf on a job, wherever that job keeps its confs.
"""

#: Formats fixes are placed in. Shell scripts and Markdown guides are not edited: a
#: value there may be assembled by the shell or be one of several copies in prose
#: (see :mod:`.resolve`), so their findings are reported without a fix.
FIXED_FORMATS = frozenset({"yaml", "json", "properties"})

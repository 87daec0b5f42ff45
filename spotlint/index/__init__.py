"""The persistent index: what each file of a project contributes to other files' findings.

``spotlint check FILE...`` inside a project (how pre-commit calls it) reads the
whole project as context, because a pod template's findings depend on the
pools in its scope and on the jobs that use it. Parsing thousands of files to
lint one is what made the commit hook slow. The index keeps, per file and
between runs, a small record of what the file holds that other files' findings
depend on (:mod:`.records`); a run with explicit files then reads only the
context files those files need (:mod:`.select`): the pools in their scope,
the jobs that reference them as templates, the node classes and interruption
handlers. Trees are never cached (unpickling them costs more than parsing);
a selected file whose record holds all it gives (pools, node classes,
handlers) is built back from the record (:mod:`.pools`), the others are
parsed again.

Records are keyed by path, size and ``st_mtime_ns`` and stored under a key of
the spotlint version and the settings that change what a record holds
(:mod:`.store`), as JSON, written atomically.
"""

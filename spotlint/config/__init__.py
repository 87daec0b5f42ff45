"""What the user decided: configuration files, command-line settings, rule selection.

* :mod:`.settings`: :class:`~.settings.Settings`, the one typed object a run reads;
* :mod:`.files`: finding, reading and validating ``.spotlint.yaml`` / ``pyproject.toml``;
* :mod:`.selection`: rule selectors (codes, names, prefixes, ``ALL``).
"""

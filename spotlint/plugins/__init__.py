"""Plugins (pluggy): the hooks, the built-in plugin, and the manager that collects them.

* :mod:`.hookspecs`: the three hooks and the ``hookimpl`` marker plugins use;
* :mod:`.builtin`: spotlint's own rules, input kinds and reporters, through those hooks;
* :mod:`.manager`: loading third-party plugins and collecting the :class:`~.manager.Registry`.
"""

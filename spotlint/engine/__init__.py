"""The engine: from paths to findings, one stage per module.

* :mod:`.run`: the orchestrator, :func:`lint`;
* :mod:`.reading`: which files, their bytes, their located documents (SL001);
* :mod:`.normalizing`: documents to the model through the document kinds (SL002);
* :mod:`.templates`: pod-template references resolved and merged (SL003);
* :mod:`.checking`: rules over the project;
* :mod:`.parallel`: a large run shared by forked processes, each with part of the files;
* :mod:`.stamping`: raw findings to stamped :class:`~spotlint.finding.Finding` objects.
"""

from spotlint.engine.run import lint

__all__ = ["lint"]

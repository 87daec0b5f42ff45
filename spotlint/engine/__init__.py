"""The engine: from paths to findings, one stage per module.

* :mod:`.run`: the orchestrator, :func:`lint`;
* :mod:`.reading`: which files, their bytes, their located documents (SL001);
* :mod:`.normalizing`: documents to the model through the document kinds (SL002);
* :mod:`.templates`: pod-template references resolved and merged (SL003);
* :mod:`.checking`: rules over the project, in worker processes for large inputs;
* :mod:`.workers`: the forked worker pool;
* :mod:`.stamping`: raw findings to stamped :class:`~spotlint.finding.Finding` objects.
"""

from spotlint.engine.run import lint

__all__ = ["lint"]

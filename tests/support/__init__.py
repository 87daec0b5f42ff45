"""Helpers shared by test folders: ``from support.cli import run`` (tests/ is on sys.path).

* :mod:`.cli`: a CLI runner and small inputs;
* :mod:`.env`: fresh virtualenvs for packaging tests;
* :mod:`.fix`: the fix-loop fixtures and golden files;
* :mod:`.pools`: normalizing pool documents and running a pool rule.
"""

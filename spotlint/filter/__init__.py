"""After the rules: which findings the user asked not to see.

* :mod:`.suppress`: inline suppressions, per-path ignores, ignored objects;
* :mod:`.baseline`: findings recorded in a baseline file.
"""

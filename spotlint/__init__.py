"""spotlint: lint Spark-on-Kubernetes configuration for EC2 Spot best practice."""

# Before any of spotlint's modules compiles its patterns: those an earlier run kept
# (see spotlint.compiled_patterns) are put in ``re``'s cache.
from spotlint.compiled_patterns import seed as _seed

_seed()

__version__ = "0.1.0"

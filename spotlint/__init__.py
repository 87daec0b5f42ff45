"""spotlint: lint Spark-on-Kubernetes configuration for EC2 Spot best practice."""

__version__ = "0.1.0"

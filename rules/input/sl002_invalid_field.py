"""A field spotlint reads has the wrong shape or type for its kind.

Each input kind has a JSON Schema (in ``spotlint/schemas/inputs``) that covers
only the fields spotlint reads. A value of the wrong type there, such as
``spot: "yes"`` in an eksctl node group or a ``nodeSelector`` that is a list, is
reported at the value. Fields spotlint does not read are never findings, and a
value that is a template placeholder (``${VAR}``, ``{{ .Values.x }}``) is never a
type error.

## Why it matters
The API server, eksctl or the operator rejects the document, or worse, reads it
differently from what the author meant; either way the other checks cannot
trust what the document says.

## How to fix
Give the field the type the message names: quote string values (Spark confs in
``sparkConf`` must be strings), write lists as lists and maps as maps.

## See also
SL001
"""

from __future__ import annotations

from spotlint.rule import Severity, engine_rule

RULE = engine_rule(
    code="SL002",
    name="invalid-field",
    severity=Severity.ERROR,
    summary="A field spotlint reads has the wrong shape or type for its kind.",
    doc=__doc__,
    applies_to=("any",),
)

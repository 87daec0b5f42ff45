"""The state one Terraform file is recognized with: its evaluator, context and region."""

from __future__ import annotations

from spotlint.load import hcl
from spotlint.load.hcl_eval import Evaluator
from spotlint.location import Node
from spotlint.recognize.kinds import NormalizeContext


class TerraformFile:
    """One file being recognized: its evaluator, context and module facts."""

    def __init__(self, ctx: NormalizeContext, ev: Evaluator, region: str | None) -> None:
        self.ctx = ctx
        self.ev = ev
        self.region = region
        self.path = ev.source.path

    def block_value(self, block: hcl.Block) -> Node:
        """A labelled block's body as a mapping, keyed by its last label."""
        value = self.ev.body(block.body)
        value.loc = self.ev.loc(block.start, block.end)
        if block.labels:
            label, start, end = block.labels[-1]
            value.key = Node(label, self.ev.loc(start, end))
        else:
            value.key = Node(block.type, self.ev.loc(block.start, block.type_end))
        return value

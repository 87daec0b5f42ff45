"""A view's ``assumption`` and ``remedy`` are computed on first access and kept: asked
again they are the same answer without computing it, and each view keeps its own."""

from __future__ import annotations

from pathlib import Path

from spotlint.capacity import CapacityLabels
from spotlint.engine import lint
from spotlint.placement.view import PlacementIndex, RoleView

ROOT = Path(__file__).resolve().parents[2]


def test_kept_answers(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    result = lint([str(ROOT / "examples")], keep_model=True)
    assert result.model is not None
    project = result.model.project
    reference = list(PlacementIndex(project, CapacityLabels()).views())
    computed = [(RoleView.assumption.func(v), RoleView.remedy.func(v))  # type: ignore[attr-defined]
                for v in reference]
    views = list(PlacementIndex(project, CapacityLabels()).views())  # (none asked yet)
    calls: list[str] = []
    original = RoleView.assumption.func  # type: ignore[attr-defined]

    def counting(view: RoleView) -> str | None:
        calls.append("assumption")
        return original(view)  # type: ignore[no-any-return]

    monkeypatch.setattr(RoleView.assumption, "func", counting)
    first = [(v.assumption, v.remedy) for v in views]
    again = [(v.assumption, v.remedy) for v in views]
    assert first == again == computed
    assert len(calls) == len(views)  # once per view, however often asked
    assert any(a is not None for a, _ in first) and any(a is None for a, _ in first)
    assert all(vars(v)["assumption"] == a for v, (a, _) in zip(views, first, strict=True))

"""rolled_back() takes out what a failed file added: list items and new table keys."""

from __future__ import annotations

from spotlint.engine.isolation import rolled_back
from spotlint.location import Location, Node
from spotlint.model import Project

HERE = Location("f.yaml", 1, 1, 1, 1)


def test_keys_added_after_the_snapshot_are_removed_and_earlier_ones_kept() -> None:
    project = Project()
    first, second, third, fourth = (Node({}, HERE) for _ in range(4))
    project.node_classes["a"] = first
    project.node_classes["b"] = second
    undo = rolled_back(project)
    project.node_classes["c"] = third
    project.node_classes["a"] = fourth  # an existing key written again stays, as before
    project.node_classes["d@f.yaml:3"] = third
    undo()
    assert list(project.node_classes) == ["a", "b"]
    assert project.node_classes["a"] is fourth and project.node_classes["b"] is second


def test_an_undo_with_nothing_added_changes_nothing() -> None:
    project = Project()
    project.node_classes["a"] = Node({}, HERE)
    undo = rolled_back(project)
    undo()
    assert list(project.node_classes) == ["a"]


def test_items_added_to_every_list_after_the_snapshot_are_removed() -> None:
    project = Project()
    kept = object()
    for name in ("jobs", "templates", "pools", "interruption"):
        getattr(project, name).append(kept)
    undo = rolled_back(project)
    for name in ("jobs", "templates", "pools", "interruption"):
        getattr(project, name).extend([object(), object()])
    undo()
    for name in ("jobs", "templates", "pools", "interruption"):
        assert getattr(project, name) == [kept], name

"""Dataclass records built from checked JSON objects: unknown keys dropped, fast enough for thousands."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from typing import Any

_UNSET: Any = object()  # a field whose default comes from its factory, not yet filled


@dataclasses.dataclass(frozen=True)
class _Layout:
    """What building one dataclass needs, worked out once per class."""

    names: frozenset[str]
    required: frozenset[str]
    template: dict[str, Any]  # every field in declaration order, plain defaults filled in
    factories: tuple[tuple[str, Callable[[], Any]], ...]
    direct: bool  # whether __dict__ may be filled directly (no __post_init__, no frozen, no slots)


@functools.cache
def _layout(cls: type) -> _Layout:
    fields = dataclasses.fields(cls)
    template: dict[str, Any] = {}
    factories = []
    for f in fields:
        if f.default is not dataclasses.MISSING:
            template[f.name] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            template[f.name] = _UNSET
            factories.append((f.name, f.default_factory))
        else:
            template[f.name] = _UNSET
    params = getattr(cls, "__dataclass_params__", None)
    direct = (
        not hasattr(cls, "__post_init__")
        and not hasattr(cls, "__slots__")
        and not getattr(params, "frozen", True)
        and all(f.init for f in fields)
    )
    return _Layout(
        names=frozenset(template),
        required=frozenset(name for name, value in template.items() if value is _UNSET)
        - {name for name, _ in factories},
        template=template,
        factories=tuple(factories),
        direct=direct,
    )


def build_record(cls: type, data: dict[str, Any]) -> Any:
    """cls(**data) without the keys cls does not have (a newer minor writer's are ignored, not fatal).

    A plain dataclass gets its __dict__ filled in one step, as its __init__ would fill it (same fields,
    same order, fresh defaults from each factory): a 2,000-shot film builds about 4,000 of them.
    """
    layout = _layout(cls)
    if not layout.names.issuperset(data):
        data = {k: v for k, v in data.items() if k in layout.names}
    if not layout.direct or not layout.required.issubset(data):
        return cls(**data)  # the dataclass's own __init__, and its TypeError for a missing field
    values = layout.template.copy()
    values.update(data)  # keys already present keep their declaration order
    for name, factory in layout.factories:
        if values[name] is _UNSET:
            values[name] = factory()
    record: Any = object.__new__(cls)
    record.__dict__ = values
    return record

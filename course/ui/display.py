"""Objects a notebook cell can end with: they display as their ``.widget``.

So a lesson's cell is one line (``SimulatedPhone()``) in JupyterLab and in the
app alike, and the object stays reachable for the hidden check cells.
"""

from __future__ import annotations

from typing import Any


class ShowsWidget:
    """Mixin: IPython shows ``self.widget`` where the object is a cell's last value."""

    widget: Any

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> Any:
        return self.widget._repr_mimebundle_(include=include, exclude=exclude)


__all__ = ["ShowsWidget"]

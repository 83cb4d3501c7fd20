"""The report's small charts: matplotlib figures as inline SVG (no file, no network, no font outside it)."""

from __future__ import annotations

import io

# Score names in the charts, in report order.
CHART_SCORES = ("prompt", "likeness", "look", "motion", "flicker", "combined")


def bar_chart_svg(values: dict[str, float], title: str) -> str:
    """A small horizontal bar chart of values (0-1 each) as an <svg> element, text drawn as paths."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    names = [n for n in CHART_SCORES if n in values]
    figure = Figure(figsize=(3.2, 0.35 + 0.28 * max(len(names), 1)), dpi=72)
    axes = figure.add_subplot()
    axes.barh(names, [values[n] for n in names], color="#4c78a8")
    axes.set_xlim(0, 1)
    axes.invert_yaxis()
    axes.set_title(title, fontsize=8)
    axes.tick_params(labelsize=7)
    figure.tight_layout()
    out = io.StringIO()
    # Glyphs as paths: the SVG needs no font and carries no text a browser could read as markup.
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "storyreel"}):
        figure.savefig(out, format="svg")
    svg = out.getvalue()
    return svg[svg.index("<svg") :]

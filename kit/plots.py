"""Charts of the kit's tables, with Arabic shaped and right-to-left.

Matplotlib 3.11 lays out text with libraqm, which joins Arabic letters and orders them right to
left by itself; the only thing a chart needs is a font with Arabic glyphs (DejaVu Sans ships with
matplotlib) and the text language. So no reshaping or reordering happens here: reshaping with
arabic-reshaper and python-bidi on top of libraqm would garble the text. Every chart takes a
DataFrame and an optional `ax`, returns the Axes, and leaves the user's other style settings alone.
"""

from __future__ import annotations

import math
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import matplotlib
import pandas as pd
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure

ARABIC_FONT = "DejaVu Sans"
TYPE_COLOURS = {"PER": "#4C72B0", "ORG": "#DD8452", "GPE": "#55A868", "LOC": "#8172B3", "MISC": "#937860"}
POLARITY_COLOURS = {-1: "#C44E52", 0: "#8C8C8C", 1: "#55A868"}
MIN_MATPLOTLIB = (3, 11)


def _check_matplotlib() -> None:
    version = tuple(int(p) for p in matplotlib.__version__.split(".")[:2])
    if version < MIN_MATPLOTLIB:
        raise RuntimeError(
            f"kit.plots needs matplotlib >= 3.11, which shapes Arabic itself; this is {matplotlib.__version__}"
        )


@contextmanager
def arabic_text() -> Iterator[None]:
    """Within this block, text is laid out as Arabic and falls back to a font that has Arabic glyphs."""
    _check_matplotlib()
    families = list(matplotlib.rcParams["font.sans-serif"])
    settings = {
        "text.language": matplotlib.rcParams.get("text.language") or "ar",
        "font.sans-serif": families if ARABIC_FONT in families else families + [ARABIC_FONT],
        "axes.unicode_minus": False,
    }
    with matplotlib.rc_context(settings):
        yield


def _axes(ax: Axes | None, size: tuple[float, float] = (7, 4.5)) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=size, layout="constrained")[1]


def _names(actors: pd.DataFrame) -> dict[str, str]:
    return dict(zip(actors["actor_id"], actors["name"]))


def plot_top_actors(actors: pd.DataFrame, *, n: int = 15, ax: Axes | None = None) -> Axes:
    """Horizontal bars of the `n` most mentioned actors, coloured by type."""
    with arabic_text():
        ax = _axes(ax)
        top = actors.nlargest(n, "n_mentions").iloc[::-1]
        ax.barh(top["name"], top["n_mentions"], color=[TYPE_COLOURS.get(t, "#999999") for t in top["type"]])
        ax.set_xlabel("mentions")
        ax.set_title("Most mentioned actors")
        handles = [matplotlib.patches.Patch(color=c, label=t) for t, c in TYPE_COLOURS.items() if t in set(top["type"])]
        ax.legend(handles=handles, loc="lower right", fontsize="small")
    return ax


def plot_actor_types(actors: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Number of actors and of mentions per actor type."""
    with arabic_text():
        ax = _axes(ax, (6, 3.5))
        counts = actors.groupby("type").agg(actors=("actor_id", "size"), mentions=("n_mentions", "sum"))
        counts = counts.reindex([t for t in TYPE_COLOURS if t in counts.index])
        positions = range(len(counts))
        ax.bar([p - 0.2 for p in positions], counts["actors"], width=0.4, label="actors", color="#4C72B0")
        ax.bar([p + 0.2 for p in positions], counts["mentions"], width=0.4, label="mentions", color="#DD8452")
        ax.set_xticks(list(positions), counts.index)
        ax.set_title("Actors and mentions by type")
        ax.legend()
    return ax


def _circle_layout(nodes: list[str]) -> dict[str, tuple[float, float]]:
    count = max(1, len(nodes))
    return {node: (math.cos(2 * math.pi * i / count), math.sin(2 * math.pi * i / count)) for i, node in enumerate(nodes)}


def _network(edges: pd.DataFrame, source: str, target: str, actors: pd.DataFrame, ax: Axes, colour_of, width_of, n: int) -> Axes:
    strength = pd.concat([edges.groupby(source)["weight"].sum(), edges.groupby(target)["weight"].sum()]).groupby(level=0).sum()
    nodes = list(strength.nlargest(n).index)
    kept = edges[edges[source].isin(nodes) & edges[target].isin(nodes)]
    position = _circle_layout(nodes)
    names = _names(actors)
    for row in kept.itertuples():
        (x0, y0), (x1, y1) = position[getattr(row, source)], position[getattr(row, target)]
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                    arrowprops={"arrowstyle": "-|>" if source == "source" else "-", "color": colour_of(row),
                                "lw": width_of(row), "alpha": 0.7, "shrinkA": 12, "shrinkB": 12})
    types = dict(zip(actors["actor_id"], actors["type"]))
    for node, (x, y) in position.items():
        ax.scatter([x], [y], s=80 + 40 * strength[node], color=TYPE_COLOURS.get(types.get(node, ""), "#999999"), zorder=3)
        ax.text(x * 1.15, y * 1.15, names.get(node, node), ha="center", va="center", fontsize="small", zorder=4)
    ax.set_xlim(-1.5, 1.5)
    ax.set_ylim(-1.4, 1.4)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def plot_cooccurrence(edges: pd.DataFrame, actors: pd.DataFrame, *, n: int = 15, ax: Axes | None = None) -> Axes:
    """The co-occurrence network of the `n` most connected actors (line width = shared sentences)."""
    with arabic_text():
        ax = _axes(ax, (7, 7))
        top = edges["weight"].max() if len(edges) else 1
        _network(edges, "actor_a", "actor_b", actors, ax, lambda r: "#4C72B0", lambda r: 0.5 + 4 * r.weight / top, n)
        ax.set_title("Actors named in the same sentence")
    return ax


def plot_claims_per_speaker(
    claims: pd.DataFrame, actors: pd.DataFrame | None = None, *, n: int = 12, ax: Axes | None = None
) -> Axes:
    """Claims per speaker, stacked by mode; speakers that are actors are counted under the actor's name."""
    with arabic_text():
        ax = _axes(ax)
        names = _names(actors) if actors is not None else {}
        label = [names.get(a, s) if a else s for a, s in zip(claims["speaker_actor_id"], claims["speaker"])]
        speakers = claims.assign(speaker=[s or "(unknown)" for s in label])
        table = speakers.groupby(["speaker", "mode"]).size().unstack(fill_value=0)
        table = table.loc[table.sum(axis=1).nlargest(n).index[::-1]]
        left = pd.Series(0, index=table.index)
        for mode, colour in zip(["direct", "mixed", "indirect", "attributed"], ["#4C72B0", "#8172B3", "#55A868", "#DD8452"]):
            if mode in table:
                ax.barh(table.index, table[mode], left=left, label=mode, color=colour)
                left = left + table[mode]
        ax.set_xlabel("claims")
        ax.set_title("Claims per speaker")
        ax.legend(fontsize="small", loc="lower right")
    return ax


def plot_sources(claims: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """How often each source (outlet or authority) is relied on."""
    with arabic_text():
        ax = _axes(ax, (6, 3.5))
        sources = claims.loc[claims["source"] != "", "source"].value_counts().iloc[::-1]
        ax.barh(sources.index, sources.values, color="#DD8452")
        ax.set_xlabel("claims")
        ax.set_title("Sources relied on")
    return ax


def plot_modes(claims: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Direct quotation versus reported speech."""
    with arabic_text():
        ax = _axes(ax, (5, 3.5))
        modes = claims["mode"].value_counts().reindex(["direct", "mixed", "indirect", "attributed"], fill_value=0)
        ax.bar(modes.index, modes.values, color=["#4C72B0", "#8172B3", "#55A868", "#DD8452"])
        ax.set_ylabel("claims")
        ax.set_title("Direct versus reported")
    return ax


def plot_stance_heatmap(matrix: pd.DataFrame, actors: pd.DataFrame, *, n: int = 12, ax: Axes | None = None) -> Axes:
    """Holder x target mean polarity (red against, green for), each cell annotated with its count."""
    with arabic_text():
        ax = _axes(ax, (8, 7))
        names = _names(actors)
        busiest = pd.concat([matrix.groupby("holder_actor_id")["n"].sum(), matrix.groupby("target_actor_id")["n"].sum()])
        keep = list(busiest.groupby(level=0).sum().nlargest(n).index)
        grid = matrix[matrix["holder_actor_id"].isin(keep) & matrix["target_actor_id"].isin(keep)]
        polarity = grid.pivot(index="holder_actor_id", columns="target_actor_id", values="mean_polarity")
        counts = grid.pivot(index="holder_actor_id", columns="target_actor_id", values="n")
        image = ax.imshow(polarity.values.astype(float), cmap="RdYlGn", vmin=-1, vmax=1)
        ax.set_xticks(range(len(polarity.columns)), [names.get(c, c) for c in polarity.columns], rotation=60, ha="right")
        ax.set_yticks(range(len(polarity.index)), [names.get(r, r) for r in polarity.index])
        for (i, j), value in pd.DataFrame(counts.values).stack().dropna().items():
            ax.text(j, i, f"{int(value)}", ha="center", va="center", fontsize="small")
        ax.set_xlabel("target")
        ax.set_ylabel("holder")
        ax.set_title("Stances: mean polarity (number of stances)")
        ax.figure.colorbar(image, ax=ax, shrink=0.7, label="mean polarity")
    return ax


def plot_stance_network(network: pd.DataFrame, actors: pd.DataFrame, *, n: int = 12, ax: Axes | None = None) -> Axes:
    """Signed stance network: arrows holder -> target, red against, green for, grey neutral."""
    with arabic_text():
        ax = _axes(ax, (7, 7))
        top = network["weight"].max() if len(network) else 1
        _network(network, "source", "target", actors, ax, lambda r: POLARITY_COLOURS[int(r.sign)],
                 lambda r: 0.8 + 3 * r.weight / top, n)
        ax.set_title("Who stands for or against whom")
    return ax


def plot_dependency_tree(words: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """One sentence's dependency tree, words laid out right to left, arcs labelled with relations."""
    from matplotlib.patches import Arc

    with arabic_text():
        words = words.sort_values("word_idx").reset_index(drop=True)
        count = len(words)
        ax = _axes(ax, (max(6, 0.9 * count), 4))
        x = {int(w): count - i for i, w in enumerate(words["word_idx"])}  # the first word on the right
        top = 1.0
        for row in words.itertuples():
            ax.text(x[row.word_idx], 0, row.word, ha="center", va="top", fontsize="medium")
            ax.text(x[row.word_idx], -0.45, row.upos, ha="center", va="top", fontsize="x-small", color="#555555")
            head = int(row.head) if row.head else 0
            if head in x:
                x0, x1 = x[head], x[row.word_idx]
                height = 0.5 + 0.35 * abs(x1 - x0)
                top = max(top, height)
                ax.add_patch(Arc(((x0 + x1) / 2, 0.15), abs(x1 - x0), 2 * height, theta1=0, theta2=180,
                                 color="#4C72B0", lw=1))
                ax.plot([x1], [0.18], marker="v", color="#4C72B0", markersize=5)
                ax.text((x0 + x1) / 2, 0.15 + height, row.deprel, ha="center", va="bottom", fontsize="x-small",
                        color="#4C72B0", backgroundcolor="white")
            else:
                ax.annotate(row.deprel or "root", xy=(x[row.word_idx], 0.18), xytext=(x[row.word_idx], 0.9), ha="center",
                            fontsize="x-small", color="#C44E52", arrowprops={"arrowstyle": "-|>", "color": "#C44E52"})
        ax.set_xlim(0.3, count + 0.7)
        ax.set_ylim(-0.9, top + 0.6)
        ax.axis("off")
    return ax


def save(figure: Figure | Axes, name: str, folder: str | Path | None) -> list[Path]:
    """Save a figure as `name`.png and `name`.svg under `folder`/figures (nothing when folder is None)."""
    if folder is None:
        return []
    figure = figure.figure if isinstance(figure, Axes) else figure
    out = Path(folder) / "figures"
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    with arabic_text():
        for suffix in ("png", "svg"):
            path = out / f"{name}.{suffix}"
            figure.savefig(path, dpi=150, bbox_inches="tight")
            paths.append(path)
    return paths


def font_for(text_artist) -> str:
    """The font file matplotlib uses for a Text artist (for checking that it has Arabic glyphs)."""
    return font_manager.findfont(text_artist.get_fontproperties())

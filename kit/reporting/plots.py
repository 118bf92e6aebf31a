"""Charts of the kit's tables, with Arabic shaped and right-to-left, in the user's own style.

Matplotlib 3.11 lays out text with libraqm, which joins Arabic letters and orders them right to
left by itself; the only thing a chart needs is a font with Arabic glyphs (DejaVu Sans ships with
matplotlib). So no reshaping or reordering happens here: reshaping with arabic-reshaper and
python-bidi on top of libraqm would garble the text. Every chart takes a DataFrame and an optional
`ax`, returns the Axes, and changes nothing global: the Arabic font is set on the chart's own
texts (`arabic`), never through rcParams, so interactive mode and the user's settings stay as they
are. Colours come from the user's `axes.prop_cycle`; where the user keeps matplotlib's default,
from the kit's style sheet `STYLE` (kit.mplstyle).
"""

from __future__ import annotations

import functools
import math
from pathlib import Path

import matplotlib
import matplotlib.patches
import pandas as pd
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text

from kit.reporting import labels

STYLE = Path(__file__).with_name("kit.mplstyle")
ARABIC_FONT = "DejaVu Sans"
ACTOR_TYPES = ("PER", "ORG", "GPE", "LOC", "MISC")
MODES = ("direct", "mixed", "indirect", "attributed")
POLARITY_CMAP = "RdYlGn"  # diverging: -1 red (against), +1 green (for)
MIN_MATPLOTLIB = (3, 11)


def _check_matplotlib() -> None:
    version = tuple(int(p) for p in matplotlib.__version__.split(".")[:2])
    if version < MIN_MATPLOTLIB:
        raise RuntimeError(
            f"kit.reporting.plots needs matplotlib >= 3.11, which shapes Arabic itself; this is {matplotlib.__version__}"
        )


@functools.cache
def _kit_style() -> dict:
    return dict(matplotlib.rc_params_from_file(STYLE, use_default_template=False))


def palette() -> list:
    """The colours charts draw with: the user's `axes.prop_cycle`, or the kit style's where the user kept matplotlib's."""
    cycle = matplotlib.rcParams["axes.prop_cycle"]
    if cycle == matplotlib.rcParamsDefault["axes.prop_cycle"]:
        cycle = _kit_style().get("axes.prop_cycle", cycle)
    return list(cycle.by_key().get("color", ["C0"]))


def _type_colours(colours: list) -> dict[str, object]:
    return {t: colours[i % len(colours)] for i, t in enumerate(ACTOR_TYPES)}


def _muted(ax: Axes, share: float = 0.55) -> tuple:
    """A grey between the style's text colour and the axes background (for what should recede)."""
    ink = matplotlib.colors.to_rgb(matplotlib.rcParams["text.color"])
    paper = matplotlib.colors.to_rgb(ax.get_facecolor())
    return tuple(share * i + (1 - share) * p for i, p in zip(ink, paper))


def _with_fallback(families) -> list[str]:
    families = [families] if isinstance(families, str) else list(families)
    return families if ARABIC_FONT in families else families + [ARABIC_FONT]


def arabic(target: Figure | Axes) -> Figure | Axes:
    """Give a chart's texts a font list that falls back to one with Arabic glyphs, on this chart only.

    Each text keeps its own font first; `ARABIC_FONT` is added after it. Tick labels that matplotlib
    makes later get the same list. rcParams and interactive mode are not touched, so the user's
    next figure is exactly as the user's style makes it.
    """
    _check_matplotlib()
    axes = target.figure.axes if isinstance(target, Figure) else [target]
    families = _with_fallback(matplotlib.rcParams["font.family"])
    for ax in axes:
        ax.tick_params(axis="both", which="both", labelfontfamily=families)
        for text in ax.findobj(Text):
            text.set_fontfamily(_with_fallback(text.get_fontfamily()))
    return target


def _axes(ax: Axes | None, size: tuple[float, float] = (7, 4.5)) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    ax = plt.subplots(figsize=size, layout="constrained")[1]
    ax.set_prop_cycle(color=palette())
    return ax


def _names(actors: pd.DataFrame) -> dict[str, str]:
    return dict(zip(actors["actor_id"], actors["name"]))


def plot_top_actors(actors: pd.DataFrame, *, n: int = 15, ax: Axes | None = None) -> Axes:
    """Horizontal bars of the `n` most mentioned actors, coloured by type."""
    ax = _axes(ax)
    colours = _type_colours(palette())
    other = _muted(ax)
    top = actors.nlargest(n, "n_mentions").iloc[::-1]
    ax.barh(top["name"], top["n_mentions"], color=[colours.get(t, other) for t in top["type"]])
    ax.set_xlabel("mentions")
    ax.set_title("Most mentioned actors")
    handles = [matplotlib.patches.Patch(color=c, label=t) for t, c in colours.items() if t in set(top["type"])]
    ax.legend(handles=handles, loc="lower right", fontsize="small")
    return arabic(ax)


def plot_actor_types(actors: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Number of actors and of mentions per actor type."""
    ax = _axes(ax, (6, 3.5))
    colours = palette()
    counts = actors.groupby("type").agg(actors=("actor_id", "size"), mentions=("n_mentions", "sum"))
    counts = counts.reindex([t for t in ACTOR_TYPES if t in counts.index])
    positions = range(len(counts))
    ax.bar([p - 0.2 for p in positions], counts["actors"], width=0.4, label="actors", color=colours[0])
    ax.bar([p + 0.2 for p in positions], counts["mentions"], width=0.4, label="mentions", color=colours[1 % len(colours)])
    ax.set_xticks(list(positions), counts.index)
    ax.set_title("Actors and mentions by type")
    ax.legend()
    return arabic(ax)


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
    colours = _type_colours(palette())
    other = _muted(ax)
    for node, (x, y) in position.items():
        ax.scatter([x], [y], s=80 + 40 * strength[node], color=colours.get(types.get(node, ""), other), zorder=3)
        ax.text(x * 1.15, y * 1.15, names.get(node, node), ha="center", va="center", fontsize="small", zorder=4)
    ax.set_xlim(-1.5, 1.5)
    ax.set_ylim(-1.4, 1.4)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def plot_cooccurrence(edges: pd.DataFrame, actors: pd.DataFrame, *, n: int = 15, ax: Axes | None = None) -> Axes:
    """The co-occurrence network of the `n` most connected actors (line width = shared sentences)."""
    ax = _axes(ax, (7, 7))
    top = edges["weight"].max() if len(edges) else 1
    line = palette()[0]
    _network(edges, "actor_a", "actor_b", actors, ax, lambda r: line, lambda r: 0.5 + 4 * r.weight / top, n)
    ax.set_title("Actors named in the same sentence")
    return arabic(ax)


def plot_claims_per_speaker(
    claims: pd.DataFrame, actors: pd.DataFrame | None = None, *, n: int = 12, ax: Axes | None = None
) -> Axes:
    """Claims per speaker, stacked by mode; an actor's claims under its name, unnamed speakers folded by group
    («المسؤولون», «المسؤولين», «أحد المسؤولين» are one bar)."""
    ax = _axes(ax)
    colours = palette()
    label = labels.party_labels(claims["speaker"], claims["speaker_actor_id"], actors)
    speakers = claims.assign(speaker=[s or "(unknown)" for s in label])
    table = speakers.groupby(["speaker", "mode"]).size().unstack(fill_value=0)
    table = table.loc[table.sum(axis=1).nlargest(n).index[::-1]]
    left = pd.Series(0, index=table.index)
    for i, mode in enumerate(MODES):
        if mode in table:
            ax.barh(table.index, table[mode], left=left, label=mode, color=colours[i % len(colours)])
            left = left + table[mode]
    ax.set_xlabel("claims")
    ax.set_title("Claims per speaker")
    ax.legend(fontsize="small", loc="lower right")
    return arabic(ax)


def plot_sources(claims: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """How often each source (outlet or authority) is relied on."""
    ax = _axes(ax, (6, 3.5))
    colours = palette()
    sources = claims.loc[claims["source"] != "", "source"].value_counts().iloc[::-1]
    ax.barh(sources.index, sources.values, color=colours[1 % len(colours)])
    ax.set_xlabel("claims")
    ax.set_title("Sources relied on")
    return arabic(ax)


def plot_modes(claims: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Direct quotation versus reported speech."""
    ax = _axes(ax, (5, 3.5))
    colours = palette()
    modes = claims["mode"].value_counts().reindex(list(MODES), fill_value=0)
    ax.bar(modes.index, modes.values, color=[colours[i % len(colours)] for i in range(len(MODES))])
    ax.set_ylabel("claims")
    ax.set_title("Direct versus reported")
    return arabic(ax)


def plot_stance_heatmap(
    matrix: pd.DataFrame, actors: pd.DataFrame, *, n: int = 12, cmap: str = POLARITY_CMAP, ax: Axes | None = None
) -> Axes:
    """Holder x target mean polarity (`cmap` from -1 to +1: red against, green for), each cell with its count."""
    ax = _axes(ax, (8, 7))
    names = _names(actors)
    busiest = pd.concat([matrix.groupby("holder_actor_id")["n"].sum(), matrix.groupby("target_actor_id")["n"].sum()])
    keep = list(busiest.groupby(level=0).sum().nlargest(n).index)
    grid = matrix[matrix["holder_actor_id"].isin(keep) & matrix["target_actor_id"].isin(keep)]
    polarity = grid.pivot(index="holder_actor_id", columns="target_actor_id", values="mean_polarity")
    counts = grid.pivot(index="holder_actor_id", columns="target_actor_id", values="n")
    image = ax.imshow(polarity.values.astype(float), cmap=cmap, vmin=-1, vmax=1)
    ax.set_xticks(range(len(polarity.columns)), [names.get(c, c) for c in polarity.columns], rotation=60, ha="right")
    ax.set_yticks(range(len(polarity.index)), [names.get(r, r) for r in polarity.index])
    for (i, j), value in pd.DataFrame(counts.values).stack().dropna().items():
        ax.text(j, i, f"{int(value)}", ha="center", va="center", fontsize="small")
    ax.set_xlabel("target")
    ax.set_ylabel("holder")
    ax.set_title("Stances: mean polarity (number of stances)")
    bar = ax.figure.colorbar(image, ax=ax, shrink=0.7, label="mean polarity")
    arabic(bar.ax)
    return arabic(ax)


def plot_stance_network(
    network: pd.DataFrame, actors: pd.DataFrame, *, n: int = 12, cmap: str = POLARITY_CMAP, ax: Axes | None = None
) -> Axes:
    """Signed stance network: arrows holder -> target, against and for at the ends of `cmap`, neutral in grey."""
    ax = _axes(ax, (7, 7))
    colormap = matplotlib.colormaps[cmap]
    colour = {-1: colormap(0.0), 0: _muted(ax), 1: colormap(1.0)}
    top = network["weight"].max() if len(network) else 1
    _network(network, "source", "target", actors, ax, lambda r: colour[int(r.sign)], lambda r: 0.8 + 3 * r.weight / top, n)
    ax.set_title("Who stands for or against whom")
    return arabic(ax)


def plot_dependency_tree(words: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """One sentence's dependency tree, words laid out right to left, arcs labelled with relations."""
    from matplotlib.patches import Arc

    words = words.sort_values("word_idx").reset_index(drop=True)
    count = len(words)
    ax = _axes(ax, (max(6, 0.9 * count), 4))
    colours = palette()
    arc, root, muted = colours[0], colours[1 % len(colours)], _muted(ax)
    x = {int(w): count - i for i, w in enumerate(words["word_idx"])}  # the first word on the right
    top = 1.0
    for row in words.itertuples():
        ax.text(x[row.word_idx], 0, row.word, ha="center", va="top", fontsize="medium")
        ax.text(x[row.word_idx], -0.45, row.upos, ha="center", va="top", fontsize="x-small", color=muted)
        head = int(row.head) if row.head else 0
        if head in x:
            x0, x1 = x[head], x[row.word_idx]
            height = 0.5 + 0.35 * abs(x1 - x0)
            top = max(top, height)
            ax.add_patch(Arc(((x0 + x1) / 2, 0.15), abs(x1 - x0), 2 * height, theta1=0, theta2=180, color=arc, lw=1))
            ax.plot([x1], [0.18], marker="v", color=arc, markersize=5)
            ax.text((x0 + x1) / 2, 0.15 + height, row.deprel, ha="center", va="bottom", fontsize="x-small",
                    color=arc, backgroundcolor=ax.get_facecolor())
        else:
            ax.annotate(row.deprel or "root", xy=(x[row.word_idx], 0.18), xytext=(x[row.word_idx], 0.9), ha="center",
                        fontsize="x-small", color=root, arrowprops={"arrowstyle": "-|>", "color": root})
    ax.set_xlim(0.3, count + 0.7)
    ax.set_ylim(-0.9, top + 0.6)
    ax.axis("off")
    return arabic(ax)


def _nothing(ax: Axes, title: str, why: str) -> Axes:
    """An empty chart that says why it is empty (one outlet, no dates, no stances), instead of failing or misleading."""
    ax.text(0.5, 0.5, why, ha="center", va="center", transform=ax.transAxes, color=_muted(ax))
    ax.set_title(title)
    ax.set_xticks([])
    ax.set_yticks([])
    return arabic(ax)


def plot_shares(shares: pd.DataFrame, *, title: str = "Share per outlet", hide: tuple[str, ...] = (),
                ax: Axes | None = None) -> Axes:
    """Each category's share per outlet as a dot with its bootstrap interval (`kit.reporting.outlets.shares`):
    categories down the side, one colour per outlet, so intervals that do not overlap show a difference.
    `hide` leaves categories out of the chart (not out of the shares), e.g. `(other)` beside named speakers."""
    shares = shares[~shares["category"].isin(hide)]
    if shares.empty:
        return _nothing(_axes(ax), title, "nothing to count in these tables")
    categories = list(shares.groupby("category")["count"].sum().sort_values().index)
    outlets = sorted(shares["outlet"].unique())
    ax = _axes(ax, (7.5, max(3.0, 0.55 * len(categories) * max(1, len(outlets)) ** 0.5 + 1.2)))
    colours = palette()
    step = 0.7 / max(1, len(outlets))
    for i, outlet in enumerate(outlets):
        rows = shares[shares["outlet"] == outlet].set_index("category").reindex(categories)
        y = [k - 0.35 + step * (i + 0.5) for k in range(len(categories))]
        colour = colours[i % len(colours)]
        ax.hlines(y, rows["low"], rows["high"], color=colour, lw=1.6)
        ax.plot(rows["share"], y, "o", color=colour, markersize=4.5, label=f"{outlet} (n={int(rows['total'].max())})")
    ax.set_yticks(range(len(categories)), categories)
    ax.set_xlabel("share (dot) and 95% bootstrap interval over documents (line)")
    ax.set_xlim(left=0)
    ax.set_title(title)
    ax.legend(fontsize="small", loc="lower right")
    return arabic(ax)


def plot_differences(differences: pd.DataFrame, *, title: str = "Outlet minus the other outlets",
                     ax: Axes | None = None) -> Axes:
    """Per outlet and category, share minus the other outlets' share, with its interval; a filled dot where the
    interval excludes 0 (a difference the sample supports), a hollow one where it does not."""
    if differences.empty:
        return _nothing(_axes(ax), title, "differences need at least two outlets")
    categories = sorted(differences["category"].unique())
    outlets = sorted(differences["outlet"].unique())
    ax = _axes(ax, (7.5, max(3.0, 0.5 * len(categories) * max(1, len(outlets)) ** 0.5 + 1.2)))
    colours = palette()
    step = 0.7 / max(1, len(outlets))
    for i, outlet in enumerate(outlets):
        rows = differences[differences["outlet"] == outlet].set_index("category").reindex(categories)
        y = [k - 0.35 + step * (i + 0.5) for k in range(len(categories))]
        colour = colours[i % len(colours)]
        ax.hlines(y, rows["low"], rows["high"], color=colour, lw=1.4)
        supported = rows["supported"].fillna(False).astype(bool).to_numpy()
        ys = pd.Series(y)
        ax.plot(rows["difference"][supported], ys[supported], "o", color=colour, markersize=5, label=outlet)
        ax.plot(rows["difference"][~supported], ys[~supported], "o", markerfacecolor="none", color=colour, markersize=5)
    ax.axvline(0, color=_muted(ax), lw=0.8)
    ax.set_yticks(range(len(categories)), categories)
    ax.set_xlabel("difference in share (filled: 95% interval excludes 0)")
    ax.set_title(title)
    ax.legend(fontsize="small", loc="best")
    return arabic(ax)


def plot_stance_by_outlet(polarity: pd.DataFrame, *, cmap: str = POLARITY_CMAP, ax: Axes | None = None) -> Axes:
    """Outlet x target: the mean polarity of the stances each outlet reports towards each target, with their count
    (`kit.reporting.outlets.stance_polarity`)."""
    if polarity.empty:
        return _nothing(_axes(ax), "Stances towards each target, per outlet", "no stance with an actor as target")
    grid = polarity.pivot(index="target", columns="outlet", values="mean_polarity")
    counts = polarity.pivot(index="target", columns="outlet", values="n")
    ax = _axes(ax, (1.2 * len(grid.columns) + 3.5, 0.5 * len(grid.index) + 2))
    image = ax.imshow(grid.to_numpy(float), cmap=cmap, vmin=-1, vmax=1, aspect="auto")
    ax.set_xticks(range(len(grid.columns)), list(grid.columns), rotation=30, ha="right")
    ax.set_yticks(range(len(grid.index)), list(grid.index))
    for (i, j), value in pd.DataFrame(counts.to_numpy()).stack().dropna().items():
        ax.text(j, i, f"{int(value)}", ha="center", va="center", fontsize="small")
    ax.set_title("Stances reported towards each target, per outlet (number of stances)")
    bar = ax.figure.colorbar(image, ax=ax, shrink=0.8, label="mean polarity")
    arabic(bar.ax)
    return arabic(ax)


def plot_timeline(activity: pd.DataFrame, *, measure: str = "mentions", peaks: pd.DataFrame | None = None,
                  ax: Axes | None = None) -> Axes:
    """One line per actor over the periods (`kit.reporting.timeline.activity`), each peak marked and labelled."""
    rows = activity[activity["measure"] == measure]
    ax = _axes(ax, (8, 4.5))
    if rows.empty:
        return _nothing(ax, f"{measure.capitalize()} per period", "no dated documents mention these actors")
    colours = palette()
    for i, (actor_id, series) in enumerate(rows.groupby("actor_id", sort=False)):
        colour = colours[i % len(colours)]
        ax.plot(series["period"], series["n"], marker=".", color=colour, label=series["name"].iloc[0])
        if peaks is not None:
            for peak in peaks[peaks["actor_id"] == actor_id].itertuples(index=False):
                ax.plot([peak.period], [peak.n], "o", markersize=9, markerfacecolor="none", color=colour)
    ax.set_ylabel(measure)
    ax.set_title(f"{measure.capitalize()} per period (circles: peaks)")
    ax.legend(fontsize="small", loc="upper left")
    ax.figure.autofmt_xdate()
    return arabic(ax)


def save(figure: Figure | Axes, name: str, folder: str | Path | None) -> None:
    """Save a figure as `name`.png and `name`.svg under `folder`/figures (nothing when folder is None).

    Returns None, so a notebook cell that ends with it shows the chart and nothing else.
    """
    if folder is None:
        return
    figure = figure.figure if isinstance(figure, Axes) else figure
    out = Path(folder) / "figures"
    out.mkdir(parents=True, exist_ok=True)
    for suffix in ("png", "svg"):
        figure.savefig(out / f"{name}.{suffix}", dpi=150, bbox_inches="tight")


def font_for(text_artist) -> str:
    """The font file matplotlib uses first for a Text artist (for checking that it has Arabic glyphs)."""
    return font_manager.findfont(text_artist.get_fontproperties())

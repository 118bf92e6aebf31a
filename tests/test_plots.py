"""kit.reporting.plots: every chart draws on a given Axes, Arabic labels come out shaped and right to left,
the user's style reaches the chart, and no chart changes global state (rcParams, interactive mode)."""

import os
import subprocess
import sys
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib import _text_helpers  # noqa: E402
from matplotlib.ft2font import FT2Font  # noqa: E402

from cycler import cycler  # noqa: E402

from kit.reporting import plots  # noqa: E402

from conftest import ROOT  # noqa: E402

ACTORS = pd.DataFrame({
    "actor_id": ["putin", "russia", "kim"], "name": ["بوتين", "روسيا", "كيم"], "type": ["PER", "GPE", "PER"],
    "aliases": ["", "", ""], "n_mentions": [5, 9, 4], "n_docs": [1, 1, 1],
})
# The joined (presentation) forms a reader expects, written by hand, in visual order (left to right
# on screen, so the last letter first): بوتين = ب initial, و final, ت initial, ي medial, ن final.
# A letter that stands alone (ر and و in روسيا join no neighbour) keeps its base character.
EXPECTED_VISUAL = {
    "بوتين": "\ufee6\ufef4\ufe97\ufeee\ufe91",
    "روسيا": "\ufe8e\ufef4\ufeb3\u0648\u0631",
    "كيم": "\ufee2\ufef4\ufedb",
}


def glyphs(label) -> list[int]:
    font = FT2Font(plots.font_for(label))
    return [item.glyph_index for item in _text_helpers.layout(label.get_text(), font, language=label.get_language())]


def test_rendered_arabic_labels_are_joined_and_right_to_left():
    ax = plots.plot_top_actors(ACTORS)
    ax.figure.canvas.draw()
    labels = {label.get_text(): label for label in ax.get_yticklabels()}
    for word, visual in EXPECTED_VISUAL.items():
        label = labels[word]
        font = FT2Font(plots.font_for(label))
        expected = [font.get_char_index(ord(c)) for c in visual]
        isolated_logical = [font.get_char_index(ord(c)) for c in word]
        assert 0 not in expected, "the font lacks Arabic presentation forms"
        assert glyphs(label) == expected, f"{word} is not shaped right to left"
        assert glyphs(label) != isolated_logical
    plt.close("all")


def test_labels_use_a_font_with_arabic_glyphs():
    ax = plots.plot_top_actors(ACTORS)
    font = FT2Font(plots.font_for(ax.get_yticklabels()[0]))
    assert all(font.get_char_index(ord(c)) for c in "بوتينروسيا")
    plt.close("all")


EDGES = pd.DataFrame({"actor_a": ["kim"], "actor_b": ["putin"], "weight": [3], "n_docs": [1]})
CLAIMS = pd.DataFrame({"speaker": ["بوتين", "مسؤولون"], "speaker_actor_id": ["putin", ""], "mode": ["direct", "indirect"],
                       "source": ["", "نيويورك تايمز"]})
MATRIX = pd.DataFrame({"holder_actor_id": ["russia", "kim"], "target_actor_id": ["kim", "putin"], "mean_polarity": [1.0, 0.0], "n": [2, 1]})
NETWORK = pd.DataFrame({"source": ["russia"], "target": ["kim"], "weight": [2], "sign": [1], "mean_polarity": [1.0], "n": [2]})
SHARES = pd.DataFrame({"outlet": ["BBC", "BBC", "CNN", "CNN"], "category": ["بوتين", "روسيا"] * 2, "count": [3, 1, 1, 1],
                       "total": [4, 4, 2, 2], "share": [0.75, 0.25, 0.5, 0.5], "low": [0.5, 0.0, 0.0, 0.0],
                       "high": [1.0, 0.5, 1.0, 1.0]})
DIFFERENCES = SHARES.assign(difference=[0.25, -0.25, -0.25, 0.25], supported=[True, False, False, True])
DIFFERENCES["low"], DIFFERENCES["high"] = DIFFERENCES["difference"] - 0.1, DIFFERENCES["difference"] + 0.1
POLARITY = pd.DataFrame({"outlet": ["BBC", "CNN"], "target_actor_id": ["russia"] * 2, "target": ["روسيا"] * 2,
                         "mean_polarity": [-1.0, 0.5], "n": [2, 4], "against": [2, 1], "for": [0, 3]})
ACTIVITY = pd.DataFrame({"period": pd.to_datetime(["2018-04-02", "2018-04-09"] * 2), "actor_id": ["putin"] * 2 + ["russia"] * 2,
                         "name": ["بوتين"] * 2 + ["روسيا"] * 2, "measure": "mentions", "n": [1, 5, 2, 2]})
WORDS = pd.DataFrame({"word_idx": [1, 2, 3], "word": ["قال", "بوتين", "."], "upos": ["VERB", "PROPN", "PUNCT"],
                      "head": [0, 1, 1], "deprel": ["root", "nsubj", "punct"]})


@pytest.mark.parametrize(
    "draw",
    [
        lambda ax: plots.plot_top_actors(ACTORS, ax=ax),
        lambda ax: plots.plot_actor_types(ACTORS, ax=ax),
        lambda ax: plots.plot_cooccurrence(EDGES, ACTORS, ax=ax),
        lambda ax: plots.plot_claims_per_speaker(CLAIMS, ACTORS, ax=ax),
        lambda ax: plots.plot_sources(CLAIMS, ax=ax),
        lambda ax: plots.plot_modes(CLAIMS, ax=ax),
        lambda ax: plots.plot_stance_heatmap(MATRIX, ACTORS, ax=ax),
        lambda ax: plots.plot_stance_network(NETWORK, ACTORS, ax=ax),
        lambda ax: plots.plot_dependency_tree(WORDS, ax=ax),
        lambda ax: plots.plot_shares(SHARES, ax=ax),
        lambda ax: plots.plot_differences(DIFFERENCES, ax=ax),
        lambda ax: plots.plot_stance_by_outlet(POLARITY, ax=ax),
        lambda ax: plots.plot_timeline(ACTIVITY, ax=ax),
    ],
)
def test_every_chart_draws_on_the_given_axes_and_saves(draw, tmp_path):
    fig, ax = plt.subplots()
    assert draw(ax) is ax
    assert ax.has_data() or ax.texts or ax.patches
    assert plots.save(fig, "chart", tmp_path) is None  # nothing for a notebook cell to print
    paths = sorted((tmp_path / "figures").iterdir())
    assert [p.name for p in paths] == ["chart.png", "chart.svg"] and all(p.stat().st_size > 0 for p in paths)
    plt.close(fig)


@pytest.mark.parametrize("draw, why", [
    (lambda ax: plots.plot_shares(SHARES.iloc[0:0], ax=ax), "nothing to count"),
    (lambda ax: plots.plot_differences(DIFFERENCES.iloc[0:0], ax=ax), "at least two outlets"),
    (lambda ax: plots.plot_stance_by_outlet(POLARITY.iloc[0:0], ax=ax), "no stance"),
    (lambda ax: plots.plot_timeline(ACTIVITY.iloc[0:0], ax=ax), "no dated documents"),
])
def test_an_empty_comparison_says_why_it_is_empty(draw, why):
    fig, ax = plt.subplots()
    draw(ax)
    assert any(why in text.get_text() for text in ax.texts)
    plt.close(fig)


def test_hidden_categories_are_left_out_of_the_shares_chart():
    fig, ax = plt.subplots()
    plots.plot_shares(SHARES, hide=("روسيا",), ax=ax)
    assert [label.get_text() for label in ax.get_yticklabels()] == ["بوتين"]
    plt.close(fig)


def test_user_style_reaches_the_figure():
    with matplotlib.rc_context({"axes.facecolor": "#123456"}):
        ax = plots.plot_modes(CLAIMS)
    assert matplotlib.colors.to_hex(ax.get_facecolor()) == "#123456"
    plt.close("all")


def test_dependency_tree_reads_right_to_left():
    ax = plots.plot_dependency_tree(WORDS)
    positions = {t.get_text(): t.get_position()[0] for t in ax.texts}
    assert positions["قال"] > positions["بوتين"] > positions["."]
    plt.close("all")


def _bar_colours(ax) -> list[str]:
    return [matplotlib.colors.to_hex(bar.get_facecolor()) for bar in ax.patches]


def test_user_prop_cycle_reaches_the_chart():
    user = ["#111111", "#222222", "#333333", "#444444", "#555555"]
    with matplotlib.rc_context({"axes.prop_cycle": cycler(color=user)}):
        ax = plots.plot_top_actors(ACTORS)
        modes = plots.plot_modes(CLAIMS)
    assert set(_bar_colours(ax)) == {"#111111", "#333333"}  # PER and GPE, the first and third types
    assert _bar_colours(modes) == user[:4]
    plt.close("all")


def test_kit_style_sheet_gives_the_defaults():
    kit_colours = matplotlib.rc_params_from_file(plots.STYLE, use_default_template=False)["axes.prop_cycle"]
    kit_colours = [c.lower() for c in kit_colours.by_key()["color"]]
    with matplotlib.rc_context({"axes.prop_cycle": matplotlib.rcParamsDefault["axes.prop_cycle"]}):
        ax = plots.plot_modes(CLAIMS)
    assert _bar_colours(ax) == kit_colours[:4]
    plt.close("all")


def test_a_user_font_without_arabic_falls_back_per_chart():
    with matplotlib.rc_context({"font.family": "serif"}):  # DejaVu Serif has no Arabic letters
        with warnings.catch_warnings():
            warnings.filterwarnings("error", message="Glyph .* missing")
            ax = plots.plot_top_actors(ACTORS)
            ax.figure.canvas.draw()
        assert ax.get_yticklabels()[0].get_fontfamily() == ["serif", plots.ARABIC_FONT]
        fig, other = plt.subplots()  # the user's own next figure keeps the user's font alone
        assert other.set_title("title").get_fontfamily() == ["serif"]
    plt.close("all")


def test_charts_leave_rcparams_and_interactive_mode_alone():
    plt.ion()
    try:
        before = {k: v for k, v in matplotlib.rcParams.items() if k != "backend"}
        plots.plot_top_actors(ACTORS)
        assert plt.isinteractive()
        plots.plot_stance_heatmap(MATRIX, ACTORS)
        assert plt.isinteractive()
        after = {k: v for k, v in matplotlib.rcParams.items() if k != "backend"}
        assert {k for k in before if before[k] != after[k]} == set()
    finally:
        plt.ioff()
        plt.close("all")


JUPYTER_SESSION = """
from IPython.testing.globalipapp import start_ipython
ip = start_ipython()
ip.run_cell("import pandas as pd; from kit.reporting import plots")
ip.run_cell("A = pd.DataFrame({'actor_id': ['a'], 'name': ['بوتين'], 'type': ['PER'], 'n_mentions': [3]})")
ip.run_cell("ax = plots.plot_top_actors(A)")
ip.run_cell("ax = plots.plot_top_actors(A)")
ip.run_cell("plots.save(ax, 'chart', None)")
"""


def test_every_chart_of_a_notebook_session_is_displayed():
    """In a kernel with the inline backend (as JupyterLab starts it), each chart cell shows its figure."""
    result = subprocess.run(
        [sys.executable, "-c", JUPYTER_SESSION], capture_output=True, text=True, timeout=120, cwd=ROOT,
        env={**os.environ, "MPLBACKEND": "module://matplotlib_inline.backend_inline"},
    )
    assert result.returncode == 0, result.stderr
    shown = [line for line in result.stdout.splitlines() if line.strip()]
    assert shown == ["<Figure size 700x450 with 1 Axes>"] * 2, result.stdout  # one per chart cell, no "[]" or None

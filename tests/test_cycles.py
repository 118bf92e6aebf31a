"""kit.cycles: the same cycles, in the same order, as Stanza's own search; the same decoded trees."""
from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from kit.cycles import find_cycles


def stanza_decoder():
    """A private copy of Stanza's decoder module, untouched by `use_in_stanza`."""
    from stanza.models.common import chuliu_edmonds

    spec = importlib.util.spec_from_file_location("stanza_chuliu_edmonds_copy", chuliu_edmonds.__file__)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def masks(cycles):
    return [np.flatnonzero(c).tolist() for c in cycles]


@pytest.mark.parametrize("tree, expected", [
    ([0, 4, 4, 4, 0], []),                      # "This is a test"
    ([0, 2, 0, 4, 2, 2], []),
    ([0, 3, 1, 2], [[1, 2, 3]]),                # 1 -> 3 -> 2 -> 1
    ([0, 2, 1, 4, 3, 0], [[1, 2], [3, 4]]),     # two cycles of two
    ([0, 0, 3, 4, 2, 4], [[2, 3, 4]]),          # a cycle with a dependent hanging from it
])
def test_find_cycles_on_small_trees(tree, expected):
    assert masks(find_cycles(np.array(tree))) == expected


@pytest.mark.parametrize("seed", range(5))
def test_find_cycles_matches_stanza_on_random_head_arrays(seed):
    tarjan = stanza_decoder().tarjan
    rng = np.random.default_rng(seed)
    for _ in range(200):
        n = int(rng.integers(2, 60))
        tree = rng.integers(0, n, size=n)
        tree[0] = 0
        assert masks(find_cycles(tree)) == masks(tarjan(tree))


@pytest.mark.parametrize("seed", range(3))
def test_decoded_trees_are_identical(seed):
    """Chu-Liu-Edmonds with either search gives the same tree for random score matrices."""
    original, patched = stanza_decoder(), stanza_decoder()
    patched.tarjan = find_cycles
    rng = np.random.default_rng(100 + seed)
    for _ in range(100):
        n = int(rng.integers(3, 70))
        scores = rng.normal(size=(n, n)).astype(np.float32)
        assert original.chuliu_edmonds_one_root(scores).tolist() == patched.chuliu_edmonds_one_root(scores).tolist()

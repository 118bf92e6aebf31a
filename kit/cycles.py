"""Cycle search for Stanza's dependency-tree decoder, on plain Python lists.

Stanza decodes each sentence's tree with Chu-Liu-Edmonds, which contracts one cycle at a time and
looks for cycles again after each contraction (about twenty times per news sentence with the
offline models). Its cycle search (`stanza.models.common.chuliu_edmonds.tarjan`) makes numpy calls
for every word and allocates an array per word; with a one-thread CPU parse that search alone takes
a quarter of the parser's time. `find_cycles` is the same Tarjan search, visiting words and
dependents in the same order and returning the same cycles in the same order, on lists: the trees
Stanza decodes are identical (tests/test_cycles.py compares the two on random head arrays and on the
trees decoded from random score matrices).
"""
from __future__ import annotations

from typing import Sequence

import numpy as np


def find_cycles(tree: Sequence[int]) -> list[np.ndarray]:
    """The cycles of a head array (`tree[i]` is the head of word i, `tree[0] == 0`), as boolean masks.

    `[0, 3, 1, 2]` (1 -> 3 -> 2 -> 1) gives `[array([False, True, True, True])]`; a tree gives `[]`.
    """
    heads = [int(h) for h in tree]
    n = len(heads)
    dependents: list[list[int]] = [[] for _ in range(n)]
    for word, head in enumerate(heads):
        dependents[head].append(word)
    index = [-1] * n
    lowlink = [-1] * n
    on_stack = [False] * n
    stack: list[int] = []
    cycles: list[np.ndarray] = []
    counter = 0
    for start in range(n):
        if index[start] != -1:
            continue
        calls: list[tuple[int, int]] = [(start, -1)]  # (word, position in its dependents; -1: not yet visited)
        while calls:
            word, position = calls.pop()
            if position == -1:
                index[word] = lowlink[word] = counter
                counter += 1
                stack.append(word)
                on_stack[word] = True
                position = 0
            else:  # back from dependents[word][position - 1]
                lowlink[word] = min(lowlink[word], lowlink[dependents[word][position - 1]])
            children = dependents[word]
            descended = False
            while position < len(children):
                child = children[position]
                position += 1
                if index[child] == -1:
                    calls.append((word, position))
                    calls.append((child, -1))
                    descended = True
                    break
                if on_stack[child]:
                    lowlink[word] = min(lowlink[word], index[child])
            if descended or lowlink[word] != index[word]:
                continue
            members = []
            while True:
                member = stack.pop()
                on_stack[member] = False
                members.append(member)
                if member == word:
                    break
            if len(members) > 1:
                cycle = np.zeros(n, dtype=bool)
                cycle[members] = True
                cycles.append(cycle)
    return cycles


def use_in_stanza() -> None:
    """Make Stanza's tree decoder search cycles with `find_cycles` (same trees, faster); idempotent."""
    from stanza.models.common import chuliu_edmonds

    chuliu_edmonds.tarjan = find_cycles

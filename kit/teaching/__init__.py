"""The teaching track: self-checks for the lessons' exercises, small views of the tables, student and teacher versions.

    checks.py    check_fold, check_proclitics, ... : right / wrong (which kind of case, a hint) / not answered yet
    material.py  fold_steps, token_splits, morphology, subjects, ...: the lessons' tables in one call each
    versions.py  the student version of a lesson (solution cells replaced by stubs), `kit lessons --student DIR`

The lessons themselves are notebooks/lessons/NN_*.ipynb; their texts are notebooks/lessons/texts/.
"""

from __future__ import annotations

from kit.teaching import checks, material, versions

__all__ = ["checks", "material", "versions"]

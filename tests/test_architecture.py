"""The package's shape: data flows one way (no module imports a later stage), no import cycles, no stray word lists."""

import ast
import re
from pathlib import Path

import pytest

from kit import lexicons, stages

from conftest import ROOT

KIT = ROOT / "kit"
# Data-flow rank of every module: a module may import modules of its own rank or lower, never higher.
RANKS = {
    "kit.text": 0, "kit.io": 0, "kit.cycles": 0, "kit.lexicons": 0, "kit.schema": 0, "kit.modeltools.conllu": 0,
    "kit.corpus": 1, "kit.furniture": 1,
    "kit.nlp": 2, "kit.results": 2,
    "kit.frames": 3,
    "kit.extract.context": 4,
    "kit.extract.actors": 5,
    "kit.extract.claims": 6,
    "kit.extract.stances": 7, "kit.extract.clusters": 7,
    "kit.stages": 8,
    "kit.tables": 9,
    "kit.engine": 10,
    "kit.reporting": 11, "kit.modeltools": 11,
    "kit.cli": 12, "kit.__main__": 12, "kit": 12,
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def rank(module: str) -> int:
    """The rank of a module, or of the closest package above it that has one."""
    name = module
    while name not in RANKS:
        name = name.rpartition(".")[0]
    return RANKS[name]


def imports(path: Path) -> set[str]:
    """The kit modules a file imports, at the top or inside functions (`from kit import x` counts as kit.x)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("kit")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kit"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                exists = (KIT.parent / (candidate.replace(".", "/") + ".py")).exists() or \
                    (KIT.parent / candidate.replace(".", "/")).is_dir()
                found.add(candidate if exists else node.module)
    return found


MODULES = {module_name(path): path for path in sorted(KIT.rglob("*.py"))}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_a_later_stage(module):
    later = sorted(other for other in imports(MODULES[module]) if rank(other) > rank(module))
    assert later == [], f"{module} (rank {rank(module)}) imports later stage(s) {later}"


def test_no_import_cycles():
    graph = {module: {m for m in imports(path) if m in MODULES and m != module} for module, path in MODULES.items()}
    visiting, done = set(), set()

    def visit(module, trail):
        if module in done:
            return
        assert module not in visiting, "import cycle: " + " -> ".join(trail + [module])
        visiting.add(module)
        for other in sorted(graph[module]):
            visit(other, trail + [module])
        visiting.discard(module)
        done.add(module)

    for module in sorted(graph):
        visit(module, [])


def test_the_registry_declares_every_contract_table_once_with_types():
    names = [spec.name for stage in stages.STAGES for spec in stage.provides]
    assert len(names) == len(set(names))
    assert names == ["documents", "sentences", "words", "entities", "actors", "mentions", "actor_edges", "claims",
                     "stances", "stance_matrix", "claim_clusters"]
    for stage in stages.STAGES:
        assert set(stage.lexicons) <= set(lexicons.available()), stage.name
        assert set(stage.from_corpus) <= {spec.name for spec in stage.provides}


LEXICON_READ = re.compile(r'(?:lexicons\.(?:load|column)|_lexicon_words)\("([a-z_]+)"')


@pytest.mark.parametrize("stage", [s for s in stages.STAGES if s.lexicons], ids=lambda s: s.name)
def test_each_stage_declares_exactly_the_lexicons_its_module_reads(stage):
    """The registry's lexicons are those the stage's module (and the context it builds on) reads."""
    helpers = [m for m in imports(MODULES[stage.module]) if m in MODULES and rank(m) == rank(stage.module)]
    helpers += ["kit.extract.context"] if stage.module.startswith("kit.extract.") else []
    read = set()
    for module in [stage.module, *helpers]:
        read |= set(LEXICON_READ.findall(MODULES[module].read_text(encoding="utf-8")))
    assert set(stage.lexicons) == read


def test_later_passes_start_where_a_stage_needs_a_corpus_wide_table():
    assert [[stage.name for stage in group] for group in stages.passes()] == [["frames", "actors"], ["claims", "stances", "clusters"]]


ARABIC_WORD = re.compile(r"[\u0621-\u064A]{2,}")


def arabic_literals(tree: ast.AST) -> list[ast.Constant]:
    """String constants holding an Arabic word, docstrings left out."""
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [node for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings and ARABIC_WORD.search(node.value)]


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m.startswith("kit.extract")))
def test_the_extractors_hold_no_arabic_words(module):
    """The rules name words through lexicons; Arabic in their code is only in docstrings and comments."""
    literals = [node.value for node in arabic_literals(ast.parse(MODULES[module].read_text(encoding="utf-8")))]
    assert literals == [], f"Arabic words in {module}'s code: {literals}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_word_list_in_code(module):
    """Word lists live in lexicon files: no collection of Arabic words, no string of them split into a list."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    arabic = {id(node) for node in arabic_literals(tree)}
    lists = [node for node in ast.walk(tree) if isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.Dict))
             and sum(id(e) in arabic for e in (node.keys + node.values if isinstance(node, ast.Dict) else node.elts)) >= 2]
    split = [node for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
             and node.func.attr == "split" and id(node.func.value) in arabic]
    found = [ast.get_source_segment(MODULES[module].read_text(encoding="utf-8"), node)[:80] for node in lists + split]
    assert found == [], f"word lists in {module}'s code: {found}"


@pytest.mark.parametrize("old, new", [("kit.actors", "kit.extract.actors"), ("kit.plots", "kit.reporting.plots"),
                                      ("kit.train", "kit.modeltools.train")])
def test_moved_modules_import_under_their_old_names_with_a_warning(old, new):
    import importlib
    import sys

    import kit

    sys.modules.pop(old, None)
    try:
        with pytest.warns(DeprecationWarning, match=new):
            module = importlib.import_module(old)
        assert module.__name__ == new and module.__spec__.name == new
    finally:  # leave no alias behind: `from kit import plots` must still warn elsewhere
        sys.modules.pop(old, None)
        kit.__dict__.pop(old.removeprefix("kit."), None)

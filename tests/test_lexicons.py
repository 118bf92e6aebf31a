"""kit.lexicons: every shipped lexicon loads, documents itself, and can be replaced or extended."""

from importlib import resources

import pandas as pd
import pytest

from kit import lexicons


@pytest.mark.parametrize("name", lexicons.available())
def test_every_lexicon_loads_with_a_documented_header(name):
    table = lexicons.load(name)
    assert len(table) > 0
    raw = resources.files("kit.lexicons").joinpath("ar", f"{name}.csv").read_text(encoding="utf-8")
    assert raw.startswith("#"), f"{name}.csv must start with comment lines describing its columns"
    assert not table.isna().any().any()


def test_every_lexicon_a_stage_declares_is_shipped():
    from kit import stages

    declared = {name for stage in stages.STAGES for name in stage.lexicons}
    assert declared, "no stage declares a lexicon"
    assert declared <= set(lexicons.available()), sorted(declared - set(lexicons.available()))


def test_user_file_replaces_and_extension_adds(tmp_path):
    own = tmp_path / "own.csv"
    own.write_text("# mine\nline,kind,prefix,drops_next,next_is_source\nحرر في,byline,1,0,0\n", encoding="utf-8")
    assert lexicons.load("furniture", path=own)["line"].tolist() == ["حرر في"]
    extended = lexicons.load("furniture", extend=own)
    assert extended["line"].tolist()[-1] == "حرر في"
    assert len(extended) == len(lexicons.load("furniture")) + 1


def test_unknown_lexicon_names_the_shipped_ones():
    with pytest.raises(ValueError, match="furniture"):
        lexicons.load("nonexistent")


def test_extension_with_missing_columns_is_refused():
    with pytest.raises(ValueError, match="lacks column"):
        lexicons.load("furniture", extend=pd.DataFrame({"line": ["x"]}))

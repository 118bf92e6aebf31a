"""kit.text: each normalisation step, offset maps, and robustness on arbitrary strings."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kit import text

ONLY = {step: False for step in text.STEPS}


@pytest.mark.parametrize(
    "step, raw, expected",
    [
        ("diacritics", "وَزِيرُ الدِّفَاعِ", "وزير الدفاع"),
        ("diacritics", "هٰذا", "هذا"),  # dagger alef
        ("tatweel", "روســـيا", "روسيا"),
        ("alef", "أحمد إيران آسيا ٱلله", "احمد ايران اسيا الله"),
        ("hamza", "مؤتمر رئيس", "موتمر رييس"),
        ("ta_marbuta", "الشمالية", "الشماليه"),
        ("alef_maqsura", "موسى", "موسي"),
        ("digits", "عام ٢٠١٦ و۱۹۹۱", "عام 2016 و1991"),
        ("quotes", "«نص» “آخر” ‘ثالث’", '"نص" "آخر" \'ثالث\''),
    ],
)
def test_each_step_alone(step, raw, expected):
    assert text.normalise(raw, **{**ONLY, step: True}) == expected


@pytest.mark.parametrize("step", text.LENGTH_PRESERVING_STEPS)
def test_length_preserving_steps_keep_length(step):
    sample = "«أإآٱ مؤتمر رئيس الشمالية موسى ٢٠١٦»"
    assert len(text.normalise(sample, **{**ONLY, step: True})) == len(sample)


def test_every_step_can_be_switched_off():
    sample = "وَزِيرُ «روســيا» ٢"
    assert text.normalise(sample, **ONLY) == sample


def test_offset_map_points_back_to_the_original():
    raw = "وَزِيرُ الدِّفَاعِ الروســي"
    folded, offsets = text.normalise_with_offsets(raw)
    start = folded.index("الدفاع")
    s, e = text.original_span(offsets, start, start + len("الدفاع"))
    assert raw[s:e] == "الدِّفَاع"  # from the first letter to the last one; the final kasra is outside


def test_unknown_step_is_an_error_naming_the_valid_ones():
    with pytest.raises(ValueError, match="diacritics"):
        text.normalise_with_offsets("x", vowels=True)


@pytest.mark.parametrize(
    "a, b",
    [
        ("كيم جونغ-أون", "كيم جونغ أون"),
        ("أدريان  واتسون", "ادريان واتسون"),
        ("الولايات المتحدة", "الولايات المتحده"),
    ],
)
def test_fold_merges_spelling_variants(a, b):
    assert text.fold(a) == text.fold(b)


@pytest.mark.parametrize("sample, share", [("روسيا", 1.0), ("Russia", 0.0), ("روسيا Russia", 5 / 11), ("123 !", 0.0)])
def test_arabic_share(sample, share):
    assert text.arabic_share(sample) == pytest.approx(share)


MIXED = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.sampled_from(list("\n\t\r\x00\x07\u200c\u200d\ufeff«»“”😀🇸🇦") + ["\u0640"]),
    ),
    max_size=80,
)


@settings(deadline=None, max_examples=200)
@given(MIXED)
def test_offset_map_round_trips_on_any_text(sample):
    folded, offsets = text.normalise_with_offsets(sample)
    assert len(offsets) == len(folded) + 1
    for i, char in enumerate(folded):
        original = sample[offsets[i]]
        assert text.normalise(original) == char
    assert offsets == sorted(offsets)


@settings(deadline=None, max_examples=200)
@given(MIXED)
def test_length_preserving_normalisation_keeps_length(sample):
    steps = {step: step in text.LENGTH_PRESERVING_STEPS for step in text.STEPS}
    assert len(text.normalise(sample, **steps)) == len(sample)

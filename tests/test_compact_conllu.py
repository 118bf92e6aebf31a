"""The tests' compact CoNLL-U notation (conftest.conllu): what it builds, and the mistakes it refuses."""

import pytest

from conftest import conllu, parsed_docs


def rows(sentence: str) -> list[list[str]]:
    return [line.split("\t") for line in conllu(sentence).splitlines()]


def test_a_form_may_contain_a_slash():
    month = rows("في/ADP أبريل/نيسان/NOUN/S-LOC عام/NOUN")[1]
    assert (month[1], month[3], month[9]) == ("أبريل/نيسان", "NOUN", "ner=S-LOC")
    parsed = parsed_docs("في/ADP أبريل/نيسان/NOUN/S-LOC عام/NOUN")
    assert [(e.text, e.type) for e in parsed.docs["d0"].ents] == [("أبريل/نيسان", "LOC")]


def test_multiword_token_heads_and_glue():
    token, conj, verb, name, stop = rows("وقال=و/CCONJ@2:cc+قال/VERB@0:root بوتين/PROPN/S-PER@2:nsubj ~.")
    assert token[:2] == ["1-2", "وقال"] and token[9] == "ner=O"
    assert (conj[3], conj[6], conj[7], verb[6], verb[7]) == ("CCONJ", "2", "cc", "0", "root")
    assert (name[6], name[7], name[9]) == ("2", "nsubj", "SpaceAfter=No|ner=S-PER")
    assert (stop[1], stop[3], stop[6], stop[7]) == (".", "X", "1", "dep")  # a bare form: X, hanging from word 1


@pytest.mark.parametrize(
    "sentence, message",
    [
        ("في/ADP أبريل/نيسان", "token 'أبريل/نيسان': unknown UPOS 'نيسان'"),
        ("قال/VERB بوتين/NAME", "token 'بوتين/NAME': unknown UPOS 'NAME'"),
        ("قال/VERB بوتين/PROPN/S-PERSON", "token 'بوتين/PROPN/S-PERSON': unknown NER tag 'S-PERSON'"),
        ("قال/VERB واشنطن/PROPN/S-GPE", "unknown NER tag 'S-GPE'"),  # the model never emits GPE
        ("وبوتين=و/CCONJ/B-PER+بوتين/PROPN", "goes after its last word"),
        ("قال/VERB بوتين/PROPN@7:nsubj", "head 7 is not a word of this 2-word sentence"),
        ("قال/VERB بوتين/PROPN@nsubj", "is not @HEAD:DEPREL"),
    ],
    ids=["slash-form-without-upos", "upos", "ner", "ner-gpe", "ner-inside-mwt", "head-out-of-range", "relation"],
)
def test_unknown_tags_and_bad_heads_are_refused_naming_the_token(sentence, message):
    with pytest.raises(ValueError, match=message):
        conllu(sentence)

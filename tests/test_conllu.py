"""kit.modeltools.conllu: CoNLL-U and BIO reading and writing, on small hand-made fixtures."""

import pytest

from kit import nlp
from kit.modeltools import conllu


def lines(*rows: str) -> str:
    """CoNLL-U text from rows written with spaces between the fields (`_` for empty), one sentence."""
    return "".join(("\t".join(row.split()) if not row.startswith("#") else row) + "\n" for row in rows) + "\n"


# وقال الرئيس: (a multi-word token و|قال, SpaceAfter=No on the last word)
WITH_TOKEN_LINE = lines(
    "# sent_id = s1",
    "# text = وقال الرئيس:",
    "1-2 وقال _ _ _ _ _ _ _ _",
    "1 و و CCONJ _ _ 2 cc _ _",
    "2 قال قال VERB _ _ 0 root _ _",
    "3 الرئيس رئيس NOUN _ _ 2 nsubj _ SpaceAfter=No",
    "4 : : PUNCT _ _ 2 punct _ _",
)
# و|قال ل|لحشد: "نعم" 2015 (clitics written together with the next word, as UD Arabic PUD writes them)
PUD_STYLE = lines(
    '# text = وقال للحشد: "نعم" 2015',
    "1 و وَ CCONJ _ _ 2 cc _ SpaceAfter=No",
    "2 قال قَال VERB _ _ 0 root _ _",
    "3 ل لِ ADP _ _ 4 case _ SpaceAfter=No",
    "4 لحشد حَشد NOUN _ _ 2 obl _ SpaceAfter=No",
    "5 : : PUNCT _ _ 2 punct _ _",
    '6 " " PUNCT _ _ 7 punct _ SpaceAfter=No',
    "7 نعم نَعَم INTJ _ _ 2 ccomp _ SpaceAfter=No",
    '8 " " PUNCT _ _ 7 punct _ _',
    "9 2015 2015 NUM _ _ 2 obl _ _",
)


# --- reading and writing CoNLL-U ---------------------------------------------------------------

def test_a_sentence_is_its_comments_and_rows_of_ten_fields():
    [sentence] = conllu.parse_conllu(WITH_TOKEN_LINE)
    assert sentence.comments == ["# sent_id = s1", "# text = وقال الرئيس:"]
    assert sentence.text == "وقال الرئيس:"
    assert [row[conllu.ID] for row in sentence.rows] == ["1-2", "1", "2", "3", "4"]
    assert all(len(row) == 10 for row in sentence.rows)
    assert [word[conllu.FORM] for word in sentence.words()] == ["و", "قال", "الرئيس", ":"]
    assert [(token[conllu.FORM], [w[conllu.FORM] for w in words]) for token, words in sentence.tokens()] == [
        ("وقال", ["و", "قال"]), ("الرئيس", ["الرئيس"]), (":", [":"])]


@pytest.mark.parametrize("row_id, word, multiword, empty", [
    ("3", True, False, False),
    ("3-4", False, True, False),
    ("5.1", False, False, True),
])
def test_kinds_of_rows(row_id, word, multiword, empty):
    row = [row_id, *["_"] * 9]
    assert (conllu.is_word(row), conllu.is_multiword(row), conllu.is_empty_node(row)) == (word, multiword, empty)


def test_empty_nodes_are_kept_but_are_neither_words_nor_tokens():
    text = lines("1 قال قال VERB _ _ 0 root _ _", "1.1 قال قال VERB _ _ _ _ 0:root _", "2 الرئيس رئيس NOUN _ _ 1 nsubj _ _")
    [sentence] = conllu.parse_conllu(text)
    assert len(sentence.rows) == 3 and len(sentence.words()) == 2 and len(sentence.tokens()) == 2
    assert conllu.format_conllu([sentence]) == text


@pytest.mark.parametrize("text", [WITH_TOKEN_LINE, PUD_STYLE, WITH_TOKEN_LINE + PUD_STYLE])
def test_writing_what_was_read_gives_the_same_text(text, tmp_path):
    assert conllu.format_conllu(conllu.parse_conllu(text)) == text
    path = conllu.write_conllu(conllu.parse_conllu(text), tmp_path / "out.conllu")
    assert path.read_text(encoding="utf-8") == text
    assert conllu.read_conllu(path) == conllu.parse_conllu(text)


@pytest.mark.parametrize("messy", [
    "\n\n" + WITH_TOKEN_LINE.replace("\n\n", "\n\n\n\n") + "\n\n",  # extra blank lines count as one
    WITH_TOKEN_LINE.replace("\n", "\r\n"),                         # Windows line ends
    WITH_TOKEN_LINE.replace("\t_\n", "\t_  \n"),                   # trailing spaces, as Stanza's reader allows
    WITH_TOKEN_LINE.rstrip("\n"),                                  # no closing blank line
    "\ufeff" + WITH_TOKEN_LINE,                                    # a byte order mark (files only)
])
def test_reading_tolerates_what_stanza_tolerates(messy, tmp_path):
    path = tmp_path / "messy.conllu"
    path.write_text(messy, encoding="utf-8")
    assert conllu.read_conllu(path) == conllu.parse_conllu(WITH_TOKEN_LINE)


@pytest.mark.parametrize("bad, line", [
    ("1 قال قال VERB _ _ 0 root _\n", 1),                        # nine fields
    ("# text = قال\n1 قال قال VERB _ _ 0 root _ _ extra\n", 2),  # eleven
    (WITH_TOKEN_LINE + "1 قال قال VERB _ _ 0 root _ _\n2 oops\n", 10),
])
def test_a_line_without_ten_fields_is_named(bad, line):
    text = "\n".join("\t".join(l.split()) if not l.startswith("#") else l for l in bad.split("\n"))
    with pytest.raises(ValueError, match=rf"gold\.conllu, line {line}: expected 10 tab-separated fields"):
        conllu.parse_conllu(text, source="gold.conllu")


def test_documents_start_at_newdoc_comments():
    first = WITH_TOKEN_LINE.replace("# sent_id", "# newdoc id = a\n# sent_id")
    second = PUD_STYLE.replace("# text", "# newdoc id = b\n# text")
    sentences = conllu.parse_conllu(first + PUD_STYLE + second)
    assert [len(document) for document in conllu.documents(sentences)] == [2, 1]
    assert [len(document) for document in conllu.documents(conllu.parse_conllu(WITH_TOKEN_LINE + PUD_STYLE))] == [2]
    assert conllu.documents([]) == []


@pytest.mark.parametrize("text, multiword, xpos", [
    (WITH_TOKEN_LINE, True, False),
    (PUD_STYLE, False, False),
    (PUD_STYLE.replace("\tCCONJ\t_\t", "\tCCONJ\tC---\t"), False, True),
])
def test_what_a_treebank_has(text, multiword, xpos):
    sentences = conllu.parse_conllu(text)
    assert conllu.has_multiword_tokens(sentences) is multiword
    assert conllu.has_xpos(sentences) is xpos


# --- the raw text of a sentence ----------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    (WITH_TOKEN_LINE, "وقال الرئيس:"),
    (PUD_STYLE, 'وقال للحشد: "نعم" 2015'),
    (WITH_TOKEN_LINE.replace("3 الرئيس رئيس NOUN _ _ 2 nsubj _ SpaceAfter=No".replace(" ", "\t"),
                             "3 الرئيس رئيس NOUN _ _ 2 nsubj _ SpacesAfter=\\s\\s".replace(" ", "\t")), "وقال الرئيس  :"),
    (lines("1-2 وقال _ _ _ _ _ _ _ SpaceAfter=No", "1 و و CCONJ _ _ 2 cc _ _", "2 قال قال VERB _ _ 0 root _ _",
           "3 : : PUNCT _ _ 2 punct _ _"), "وقال:"),
    (lines("1 قال قال VERB _ _ 0 root _ start_char=0|end_char=3", "2 الرئيس رئيس NOUN _ _ 1 nsubj _ start_char=6|end_char=12"),
     "قال   الرئيس"),
])
def test_sentence_text_is_the_text_comment_or_rebuilt_as_stanza_does(text, expected):
    [sentence] = conllu.parse_conllu(text)
    without = conllu.Sentence([c for c in sentence.comments if not c.startswith("# text")], sentence.rows)
    assert without.text is None
    assert conllu.sentence_text(without) == expected
    assert conllu.sentence_text(without) == nlp.doc_from_conllu("\n".join(without.lines())).text.strip()
    if sentence.text is not None:
        assert conllu.sentence_text(sentence) == sentence.text


# --- grouping clitics into multi-word tokens -----------------------------------------------------

def test_clitics_written_together_become_multiword_tokens():
    grouped = conllu.group_clitic_tokens(PUD_STYLE).strip().splitlines()
    tokens = [line.split("\t")[:2] for line in grouped if "-" in line.split("\t")[0]]
    assert tokens == [["1-2", "وقال"], ["3-4", "للحشد"]]
    rows = {line.split("\t")[0]: line.split("\t") for line in grouped if not line.startswith("#")}
    assert rows["3-4"][9] == "SpaceAfter=No"  # the token, not its last word, now carries the spacing
    assert rows["3"][9] == rows["4"][9] == "_"
    assert rows["6"][9] == rows["7"][9] == "SpaceAfter=No"  # a quote mark or a colon is its own token
    assert len(rows) == 9 + 2
    doc = nlp.doc_from_conllu(conllu.group_clitic_tokens(PUD_STYLE))
    assert [token.text for token in doc.sentences[0].tokens][:3] == ["وقال", "للحشد", ":"]
    assert conllu.has_multiword_tokens(conllu.parse_conllu(conllu.group_clitic_tokens(PUD_STYLE)))


def test_grouping_leaves_treebanks_with_token_lines_alone():
    grouped_once = conllu.group_clitic_tokens(PUD_STYLE)
    assert conllu.group_clitic_tokens(grouped_once) == grouped_once
    assert conllu.group_clitic_tokens(WITH_TOKEN_LINE) == WITH_TOKEN_LINE


def test_grouping_keeps_other_misc_items():
    text = PUD_STYLE.replace("\tcc\t_\tSpaceAfter=No", "\tcc\t_\tGloss=and|SpaceAfter=No")
    rows = {row[0]: row for row in conllu.parse_conllu(conllu.group_clitic_tokens(text))[0].rows}
    assert rows["1"][conllu.MISC] == "Gloss=and" and rows["1-2"][conllu.MISC] == "_"


# --- BIO -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("tag, expected", [("B-MIS1", "B-MISC"), ("I-MIS-2", "I-MISC"), ("S-PER", "B-PER"),
                                           ("E-LOC", "I-LOC"), ("OO", "O"), ("O", "O"), ("B-ORG", "B-ORG")])
def test_tags_are_normalised(tag, expected):
    assert conllu.normalise_tag(tag) == expected


@pytest.mark.parametrize("text, expected", [
    ("زار O\nعمان B-LOC\n\nقال O\n", [[("زار", "O"), ("عمان", "B-LOC")], [("قال", "O")]]),
    ("\n\nزار\tO\n\n\n\nعمان\tB-MIS0\n\n", [[("زار", "O")], [("عمان", "B-MISC")]]),  # tabs; blank lines count once
    ("عمان\nالأردن   ignored   S-GPE\n", [[("عمان", "O"), ("الأردن", "B-GPE")]]),        # a bare token is O; the last field is the tag
    ("", []),
])
def test_bio_sentences(text, expected):
    assert conllu.parse_bio(text) == expected


def test_bio_written_and_read_back(tmp_path):
    sentences = [[("زار", "O"), ("عمان", "B-LOC")], [("قال", "O"), ("ترامب", "B-PER")]]
    path = conllu.write_bio(sentences, tmp_path / "ner.bio")
    assert path.read_text(encoding="utf-8") == "زار O\nعمان B-LOC\n\nقال O\nترامب B-PER\n\n"
    assert conllu.read_bio(path) == sentences
    path.write_text("\ufeff" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert conllu.read_bio(path) == sentences  # a byte order mark is not part of the first token

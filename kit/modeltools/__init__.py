"""Model tools: train Stanza's Arabic models, score the parse and the extraction, read and write the data formats.

- `conllu`: every CoNLL-U and BIO reader and writer (plain text in and out; `kit.nlp` may use it)
- `train`: Stanza's trainers on UD and NER files, into a resources directory the kit can load
- `evaluate`: UD (CoNLL 2018) and NER (seqeval) scores of the pipeline
- `gold`: actors, claims and stances graded against hand-written gold readings

They sit beside the analysis flow, never inside it: they may use any stage, and only the command
line and the evaluation notebook use them. Import the modules themselves (`from kit.modeltools
import train`); this package imports nothing.
"""

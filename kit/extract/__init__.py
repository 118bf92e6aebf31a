"""Stage 4: what the articles say, from the parse: actors, then claims, then stances.

`context` turns a parsed sentence into the tokens every rule reads; `actors` finds who is named
(mentions merged into actors), `claims` who said what on whose authority (reading the actors'
mentions), `stances` who is for or against whom (reading mentions and claims). Each module only
reads the tables of the ones before it.
"""

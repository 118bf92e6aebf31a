"""Hand-made tables of a small multi-outlet corpus, for the analyses that read tables (outlets, timeline, explorer).

Three outlets over three weeks of April 2018; Putin and Russia appear in every week and burst in the
second (five mentions in one week against one in the others); BBC quotes people directly, CNN
reports unnamed officials; Russia is condemned in BBC and CNN, supported in Sky.
"""

from kit.stages import TABLES


def _frame(name, rows):
    return TABLES[name].frame(rows)


SENTENCE = "قال بوتين إن روسيا لن تتراجع"  # بوتين at 4-9, روسيا at 13-18


def news_tables() -> dict:
    documents, sentences, mentions, claims, stances = [], [], [], [], []
    plan = [  # doc_id, outlet, date, mentions of Putin in the document
        ("b1", "BBC", "2018-04-02T10:00:00Z", 1), ("b2", "BBC", "2018-04-10T10:00:00Z", 3),
        ("c1", "CNN", "2018-04-03T10:00:00Z", 1), ("c2", "CNN", "2018-04-11T10:00:00Z", 2),
        ("s1", "skynews", "2018-04-17T10:00:00Z", 1), ("s2", "skynews", "", 1),
    ]
    for doc_id, outlet, date, n in plan:
        documents.append((doc_id, f"عنوان {doc_id}", outlet, date, f"{doc_id}.txt", 40 * n, n, 6 * n))
        for k in range(n):
            start = 40 * k
            sentences.append((doc_id, k, SENTENCE, start, start + len(SENTENCE), 6, 6))
            mentions.append((doc_id, k, "putin", "بوتين", "PER", start + 4, start + 9, "dictionary"))
            mentions.append((doc_id, k, "russia", "روسيا", "GPE", start + 13, start + 18, "dictionary"))
        direct = outlet == "BBC"
        claims.append((f"{doc_id}-c0", doc_id, 0, "بوتين" if direct else "مسؤولون", "putin" if direct else "",
                       "قال", "قال", "direct" if direct else "indirect", "روسيا لن تتراجع", "رويترز" if outlet == "CNN" else "",
                       "", 13, 28, SENTENCE))
        polarity, label = (1, "support") if outlet == "skynews" else (-1, "condemn")
        stances.append((f"{doc_id}-s0", doc_id, 0, "بوتين", "putin", "روسيا", "russia", polarity, label, "قال", False,
                        f"{doc_id}-c0", 0, 3, SENTENCE, "051" if polarity > 0 else "111"))
    n_putin = sum(n for *_, n in plan)
    actors = [("putin", "فلاديمير بوتين", "PER", "بوتين|فلاديمير بوتين", n_putin, 6, "RUS", "RUSGOV"),
              ("russia", "روسيا", "GPE", "روسيا", n_putin, 6, "RUS", "RUS")]
    return {
        "documents": _frame("documents", documents), "sentences": _frame("sentences", sentences),
        "words": _frame("words", []), "entities": _frame("entities", []),
        "actors": _frame("actors", actors), "mentions": _frame("mentions", mentions),
        "actor_edges": _frame("actor_edges", [("putin", "russia", n_putin, 6)]),
        "claims": _frame("claims", claims), "stances": _frame("stances", stances),
        "stance_matrix": _frame("stance_matrix", []), "claim_clusters": _frame("claim_clusters", []),
    }

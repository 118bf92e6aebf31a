"""The last step of the flow: what people look at, computed from the tables only.

`run` executes the notebooks over a corpus into a run folder (tables/, notebooks/, figures/,
report.html, manifest.json) and reads a run's tables back; `plots` draws the charts (Arabic
shaped and right to left, colours from the user's matplotlib style); `report` writes the HTML:
right-to-left tables, highlighted evidence, the run's self-contained page.
"""

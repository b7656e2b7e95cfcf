"""Per-document extraction, one folder a stage: load -> text -> tables -> facts.

- `load/`: bytes to a `document.Document` (paragraphs and tables with pages), one loader a format;
- `text/`: one spelling (normalise), numbers as written (numbers), one segmentation (segment);
- `tables/`: tables rebuilt from flattened text, then recognised by their header vocabulary;
- `facts/`: the fact types checks read (`extractors.facts`), and the recognisers of metadata,
  amounts, rates, narrative claims and sections;
- `vocabulary.py`: the one domain vocabulary every recogniser reads; `extract.py` runs the stages;
  `rows.py` turns facts into the dataset's rows.

Every function here is pure (bytes or a Document in, records out), so one document's whole path can
run in any worker process.
"""

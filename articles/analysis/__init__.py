"""newsdrift's analysis: segmentation, alignment and drift detection.

Plain Python with no Django imports, so that it can be tested without a database and
called alike by the importers, the review views and the management commands. The
entry point is `articles.analysis.pipeline.analyse_pair`.
"""

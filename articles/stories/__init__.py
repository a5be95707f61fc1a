"""Stories: one source article and every copy (retranslation) compared with it.

A story is not a table of its own: it is a source article and the comparisons that
have it as their source. This package imports a source with several copies at once
(`importing`), and builds the story page (`grid`), with the drift shared by several
copies (`shared`) and the copies' likely lineage (`lineage`).
"""

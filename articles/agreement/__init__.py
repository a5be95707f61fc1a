"""Blind double review of a comparison, agreement between its two editors, and the
adjudication of their disagreements (issue 15, "Double review and agreement")."""

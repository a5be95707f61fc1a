"""Discussion: comments on a unit or a comparison (threaded, with @mentions) and the
notifications they and other team features send (articles/discussion/notify.py)."""

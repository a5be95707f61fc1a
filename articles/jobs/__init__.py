"""Background jobs: work too long for a web request, done by worker processes.

The interface other code uses (docs/jobs.md):

* `submit(kind, title=…, user=…, items=[(label, payload), …], params={…})` stores a
  job and its items and queues runners for it; it raises `JobRefused` when the user
  already has as many jobs waiting or running as NEWSDRIFT_JOBS_PER_USER allows.
* A kind is a function registered with `@register(kind)`: it is handed the job, one
  item and a `finish` callable, does that item's work and records its `Outcome` by
  calling `finish(outcome)` inside the transaction of its own writes (so that an item
  is either finished with its writes, or not at all). Kinds live in this package
  (bulk.py, fetch.py, reanalyse.py, export.py) and are loaded by `load_kinds()`.
* `counts(job)` and `job.percent` say how far a job has got; `wait(job, on_progress)`
  follows it from a command.

Underneath, runners are tasks of Django's tasks interface (the django-tasks backport
until Django 6): the database backend by default, RQ on Redis when REDIS_URL is set
(queue.py). The queue only carries "work on job N"; what is done and what is left is
in the Job and JobItem tables, so a runner killed at any point loses nothing
(runner.py, recovery.py).
"""

from articles.jobs.kinds import Outcome, register
from articles.jobs.submit import JobRefused, submit

__all__ = ["JobRefused", "Outcome", "register", "submit"]

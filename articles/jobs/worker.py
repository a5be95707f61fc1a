"""Worker processes: a supervisor that keeps N of them running and sweeps for work
that dead workers left behind (`manage.py jobs_worker`).

Each worker is a separate OS process running the task library's own worker loop:
django-tasks-db's database worker in the embedded mode, an RQ worker when REDIS_URL
is set. The supervisor starts them, starts a fresh one whenever one exits (a crash,
or a worker that recycled itself after outgrowing NEWSDRIFT_JOBS_WORKER_MEMORY_MB),
runs recovery.sweep() and the analytics' catch-up every few seconds, and on SIGTERM
or Ctrl-C asks its workers to stop between two items and waits for them.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field

from django.conf import settings

from articles.analytics import aggregates
from articles.jobs import recovery
from articles.jobs.queue import QUEUE, backend_name
from articles.jobs.runner import RECYCLE, STOP, worker_id

logger = logging.getLogger("articles.jobs")

# A worker that exits within this many seconds of starting is crashing, not recycling:
# wait before starting it again, so that a broken configuration does not spin.
_CRASH_SECONDS = 5
_CRASH_PAUSE = 5


# One worker process -----------------------------------------------------------------


def run_worker_process(*, batch: bool = False) -> None:
    """The task library's worker loop in this process, until asked to stop (or, with
    `batch`, until the queue is empty)."""
    if backend_name() == "redis":
        _run_rq_worker(batch=batch)
    else:
        _run_database_worker(batch=batch)


def _run_database_worker(*, batch: bool) -> None:
    from django_tasks_db.management.commands.db_worker import Worker

    class DatabaseWorker(Worker):
        def run_task(self, db_task_result) -> None:
            super().run_task(db_task_result)
            if RECYCLE.is_set():
                logger.info("worker %s: over the memory limit, recycling", self.worker_id)
                self.running = False

        def shutdown(self, signum, frame) -> None:
            STOP.set()  # the runner stops between two items
            super().shutdown(signum, frame)

    worker = DatabaseWorker(
        queue_names=[QUEUE],
        interval=float(getattr(settings, "NEWSDRIFT_JOBS_POLL_SECONDS", 1)),
        batch=batch,
        backend_name="default",
        startup_delay=not batch,
        max_tasks=None,
        worker_id=worker_id(),
        excluded_queue_names=[],
    )
    worker.configure_signals()
    # Ctrl-C in a terminal reaches the whole process group; the supervisor turns it
    # into one SIGTERM per worker, so the worker itself ignores it (a second signal
    # would abandon the item it is on).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    worker.run()


def _run_rq_worker(*, batch: bool) -> None:
    import django_rq
    from django_tasks_rq.backend import Job as TaskJob

    # RQ forks a fresh work horse for every task: memory a runner grows is returned
    # when its task ends, so there is nothing to recycle in the long-lived parent.
    worker = django_rq.get_worker(QUEUE, job_class=TaskJob, name=worker_id())
    # The scheduler (one per worker group, elected through Redis) queues the tasks
    # deferred to a later time (a webhook's next attempt) when their time comes.
    worker.work(burst=batch, with_scheduler=True, logging_level="WARNING")


def _stop_with_parent() -> None:
    """In the new worker process (Linux): get SIGTERM when the supervisor dies, so no
    worker is left behind without one."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


# The supervisor ---------------------------------------------------------------------


@dataclass
class Supervisor:
    processes: int = 1
    sweep_seconds: float = 10.0
    out: object = sys.stdout
    children: list[subprocess.Popen] = field(default_factory=list)
    started: dict[int, float] = field(default_factory=dict)
    stopping: bool = False
    stop_asked: float = 0.0

    def run(self) -> None:
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        self._say(
            f"jobs_worker: {self.processes} worker process(es), {backend_name()} mode "
            f"(supervisor {worker_id()})"
        )
        self._sweep()
        last_sweep = time.monotonic()
        while not self.stopping:
            self._reap()
            while len(self.children) < self.processes and not self.stopping:
                self._spawn()
            if time.monotonic() - last_sweep >= self.sweep_seconds:
                self._sweep()
                last_sweep = time.monotonic()
            time.sleep(0.5)
        self._shutdown()

    def _spawn(self) -> None:
        child = subprocess.Popen(  # noqa: S603 (our own interpreter and manage.py)
            [sys.executable, str(settings.BASE_DIR / "manage.py"), "jobs_worker", "--child"],
            preexec_fn=_stop_with_parent,  # noqa: PLW1509
        )
        self.children.append(child)
        self.started[child.pid] = time.monotonic()

    def _reap(self) -> None:
        for child in list(self.children):
            code = child.poll()
            if code is None:
                continue
            self.children.remove(child)
            lived = time.monotonic() - self.started.pop(child.pid, 0)
            self._say(f"jobs_worker: worker {child.pid} exited ({code}) after {lived:.0f} s")
            # Its item, if it died in one, is free again at once (same host).
            self._sweep()
            if code != 0 and lived < _CRASH_SECONDS and not self.stopping:
                time.sleep(_CRASH_PAUSE)

    def _sweep(self) -> None:
        try:
            done = recovery.sweep()
        except Exception:
            logger.exception("jobs_worker: recovery sweep failed")
            return
        if done["reclaimed"] or done["restarted"] or done["completed"]:
            self._say(f"jobs_worker: recovery {done}")
        # The analytics count what editors changed since the last sweep, so that the
        # analytics page seldom has anything left to count when it is opened.
        try:
            aggregates.catch_up()
        except Exception:
            logger.exception("jobs_worker: analytics catch-up failed")

    def _stop(self, signum, frame) -> None:
        # Ctrl-C under `make run` arrives twice (the terminal's SIGINT, then the
        # Makefile's SIGTERM): only a second signal well after the first forces.
        if self.stopping and time.monotonic() - self.stop_asked < 2:
            return
        if self.stopping:
            for child in self.children:
                child.kill()
            return
        self.stopping = True
        self.stop_asked = time.monotonic()
        self._say("jobs_worker: stopping; workers finish the item they are on")
        for child in self.children:
            child.send_signal(signal.SIGTERM)

    def _shutdown(self) -> None:
        grace = float(getattr(settings, "NEWSDRIFT_JOBS_ITEM_SECONDS", 300)) + 30
        deadline = time.monotonic() + grace
        for child in self.children:
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
        self._say("jobs_worker: stopped")

    def _say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

"""Doing background jobs inside a test, and making bulk files for them."""

from __future__ import annotations

import json

from articles.models import Job


def work_off_jobs() -> None:
    """Do every waiting or running job in this process, through the same runner a
    worker process calls for each task (articles/jobs/runner.py)."""
    from articles.jobs.runner import run

    for _ in range(1000):
        active = list(Job.objects.filter(state__in=Job.ACTIVE_STATES).values_list("pk", flat=True))
        if not active:
            return
        for pk in active:
            run(pk)
    raise AssertionError("the jobs never finished")


def story_pair(n: int, sentences: int = 3) -> dict:
    """A distinct pair: numbered sentences, the retranslation with one fact changed."""
    source = " ".join(
        f"Story {n} sentence {i} says the council met on Monday." for i in range(sentences)
    )
    target = " ".join(
        f"Story {n} sentence {i} says the council met on Tuesday." for i in range(sentences)
    )
    return {
        "source": {"title": f"Council story {n}", "body": source},
        "retranslation": {"title": f"Council story {n} retold", "body": target},
    }


def jsonl(pairs: list[dict | str]) -> str:
    return "\n".join(p if isinstance(p, str) else json.dumps(p) for p in pairs) + "\n"

"""`jobs_worker`: the number of worker processes it is asked for, checked before any
worker starts."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from articles.jobs import worker


@pytest.fixture
def no_supervisor(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a supervisor was started")

    monkeypatch.setattr(worker.Supervisor, "__init__", refuse)


@pytest.mark.parametrize("processes", ["0", "-1", "65", "100000"])
def test_it_refuses_a_number_of_processes_out_of_range(no_supervisor, processes):
    with pytest.raises(CommandError) as refused:
        call_command("jobs_worker", "--processes", processes, stdout=io.StringIO())
    assert str(refused.value) == (f"--processes {processes}: must be from 1 to 64 worker processes")


def test_it_refuses_a_setting_of_more_processes_than_the_cap(no_supervisor, settings):
    settings.NEWSDRIFT_JOBS_PROCESSES = 65
    with pytest.raises(CommandError) as refused:
        call_command("jobs_worker", stdout=io.StringIO())
    assert str(refused.value) == (
        "NEWSDRIFT_JOBS_PROCESSES=65: must be from 1 to 64 worker processes"
    )


def test_it_starts_the_number_of_processes_it_is_given(monkeypatch, settings):
    settings.NEWSDRIFT_JOBS_PROCESSES = 3
    started = []

    class Supervisor:
        def __init__(self, processes, out):
            started.append(processes)

        def run(self):
            pass

    monkeypatch.setattr("articles.management.commands.jobs_worker.Supervisor", Supervisor)
    call_command("jobs_worker", "--processes", "64", stdout=io.StringIO())
    call_command("jobs_worker", stdout=io.StringIO())
    assert started == [64, 3]

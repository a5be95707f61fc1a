"""The time limit of one item, and the memory reading that recycles workers."""

from __future__ import annotations

import signal
import time

import pytest

from articles.jobs.limits import ItemTimeLimit, resident_mb, time_limit


def test_it_interrupts_a_block_that_runs_past_its_time():
    started = time.monotonic()
    with pytest.raises(ItemTimeLimit), time_limit(0.2):
        while True:
            sum(range(1000))
    assert time.monotonic() - started < 1


def test_it_puts_back_an_alarm_that_was_running_before():
    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(True))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.6)
        with time_limit(5):
            time.sleep(0.1)
        assert 0 < signal.getitimer(signal.ITIMER_REAL)[0] <= 0.5
        time.sleep(0.7)
        assert fired == [True]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_no_limit_when_the_limit_is_zero():
    with time_limit(0):
        time.sleep(0.01)
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0


def test_it_reads_this_process_resident_memory():
    assert 10 < resident_mb() < 4096

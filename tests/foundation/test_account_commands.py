"""The editor account `make run` creates, and getting back in when its password is lost."""

from __future__ import annotations

import io
import re
import shlex

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client

from articles.roles import EDITORS, IMPORTERS
from tests.conftest import REPO

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def _password(output: str) -> str:
    return re.search(r"password:\s+(\S+)", output).group(1)


def _signs_in(username: str, password: str) -> bool:
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": password})
    return response.status_code == 302 and "_auth_user_id" in client.session


def test_it_creates_the_editor_once_and_prints_a_password_that_signs_in():
    output = _run("ensure_editor")
    user = User.objects.get(username="editor")
    assert set(user.groups.values_list("name", flat=True)) == {EDITORS, IMPORTERS}
    assert _signs_in("editor", _password(output))

    again = _run("ensure_editor")
    assert "exists already (editor); none created" in again
    assert "reset_password editor" in again  # where to go when the password is lost
    assert User.objects.count() == 1


def test_it_gives_a_lost_password_a_new_one_that_signs_in_and_the_old_one_does_not():
    old = _password(_run("ensure_editor"))
    output = _run("reset_password", "editor")
    new = _password(output)
    assert new != old
    assert "shown only this once" in output
    assert _signs_in("editor", new)
    assert not _signs_in("editor", old)


def test_it_lifts_a_lock_out_of_the_name_with_the_new_password(settings):
    settings.AXES_FAILURE_LIMIT = 2
    _run("ensure_editor")
    for _ in range(2):
        assert not _signs_in("editor", "guessed wrong")
    assert AccessAttempt.objects.filter(username="editor").exists()

    output = _run("reset_password", "editor")
    assert "Lifted the sign-in lock-out" in output
    assert not AccessAttempt.objects.filter(username="editor").exists()
    assert _signs_in("editor", _password(output))


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "--username: give a name for the account (it is empty)"),
        ("  ", "--username: give a name for the account (it is empty)"),
        ("ed itor", "--username 'ed itor': Enter a valid username."),
        ("e" * 151, f"--username {'e' * 80!r}: Ensure this value has at most 150 characters"),
    ],
)
def test_it_refuses_a_user_name_that_cannot_be_one_in_one_line(name, message):
    with pytest.raises(CommandError) as refused:
        _run("ensure_editor", "--username", name)
    assert str(refused.value).startswith(message)
    assert "\n" not in str(refused.value)
    assert not User.objects.exists()


def test_it_refuses_an_unknown_account_in_one_line_and_changes_nothing():
    _run("ensure_editor")
    before = User.objects.get().password
    with pytest.raises(CommandError) as refused:
        _run("reset_password", "editr")
    assert str(refused.value) == "editr: no such account (accounts: editor)"
    assert User.objects.get().password == before


def test_it_runs_the_command_the_readme_gives_for_a_lost_password():
    readme = (REPO / "README.md").read_text()
    line = re.search(r"^\.venv/bin/python manage\.py (reset_password [^\n#]+)", readme, re.M)
    assert line, "README.md gives no reset_password command"
    _run("ensure_editor")
    output = _run(*shlex.split(line.group(1)))
    assert _signs_in("editor", _password(output))

"""`python manage.py reset_password USERNAME`: a lost password replaced, on the server.

`make run` prints the editor account's password only when it creates the account; an
editor who lost it (or any other account's owner) gets a new one from whoever can run
management commands with the server's settings. The new password is random, printed
once, and any sign-in lock-out of that name (django-axes) is lifted with it.
"""

from __future__ import annotations

import secrets

from axes.utils import reset as reset_lockouts
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Give an account a new random password and print it once (for a lost password; "
        "`changepassword USERNAME` lets you type one instead). Also lifts a sign-in "
        "lock-out of that user name."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="The account's user name, e.g. editor.")

    def handle(self, *args, **options) -> None:
        users = get_user_model()
        name = options["username"]
        with transaction.atomic():
            user = users.objects.select_for_update().filter(username=name).first()
            if user is None:
                names = users.objects.order_by("username").values_list("username", flat=True)
                known = ", ".join(names[:10]) or "none yet; make run creates one"
                raise CommandError(f"{name}: no such account (accounts: {known})")
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save(update_fields=["password"])
        lines = [
            f"New password for {user.username}:",
            f"  password:  {password}",
            "Write it down: it is shown only this once. Sessions signed in with the old "
            "password are signed out.",
        ]
        lifted = reset_lockouts(username=name)
        if lifted:
            lines.append(f"Lifted the sign-in lock-out ({lifted} failed attempts cleared).")
        if not user.is_active:
            lines.append(
                "Note: the account is inactive; it cannot sign in until staff make it "
                "active again in the admin."
            )
        self.stdout.write("\n".join(lines))

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.roles import EDITORS, IMPORTERS


class Command(BaseCommand):
    help = (
        "Create an editor account if none exists yet, and print its name and password "
        "once. The account is an editor, and staff with the import permission, so that a "
        "new installation can review and import at once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="editor", help="Name of the account.")

    def handle(self, *args, **options) -> None:
        users = get_user_model()
        name = options["username"]
        if not name.strip():
            raise CommandError("--username: give a name for the account (it is empty)")
        try:
            users._meta.get_field(users.USERNAME_FIELD).clean(name, None)
        except ValidationError as error:
            raise CommandError(f"--username {name[:80]!r}: {' '.join(error.messages)}") from None
        existing = (
            users.objects.filter(groups__name=EDITORS).order_by("pk").first()
            or users.objects.filter(username=name).first()
        )
        if existing is not None:
            self.stdout.write(
                f"An editor account exists already ({existing.username}); none created. "
                f"Lost its password? python manage.py reset_password {existing.username}"
            )
            return
        password = secrets.token_urlsafe(12)
        user = users.objects.create_user(username=name, password=password, is_staff=True)
        user.groups.add(*Group.objects.filter(name__in=[EDITORS, IMPORTERS]))
        self.stdout.write(
            f"Created the editor account.\n  user name: {user.username}\n  password:  {password}\n"
            "Write the password down: it is shown only this once."
        )

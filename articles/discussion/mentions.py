"""@mentions in a comment: found in its text, resolved to accounts, shown as links.

`@otto` mentions the account named otto when it exists, is active and may see
comparisons; any other @word stays plain text. A user name may hold letters, digits
and . + - _ (Django's user names, without @); a full stop right after the name ends
the sentence, not the name ("ask @otto."). The comment stores the names it resolved
to, so that showing it needs no query.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from articles.roles import can_view

# Not after a letter or digit: "ops@wire.example" is an address, not a mention.
MENTION = re.compile(r"(?<![\w@])@([\w.+-]*[\w+-])")
MOST_MENTIONS = 20  # one comment notifies at most this many people


def mentioned_names(text: str) -> list[str]:
    """The user names @mentioned in `text`, in order, each once."""
    seen: dict[str, None] = {}
    for match in MENTION.finditer(text):
        seen.setdefault(match[1], None)
    return list(seen)[:MOST_MENTIONS]


def resolve(text: str) -> list:
    """The accounts `text` mentions that exist, are active and may see comparisons."""
    names = mentioned_names(text)
    if not names:
        return []
    users = get_user_model().objects.filter(username__in=names, is_active=True)
    by_name = {user.get_username(): user for user in users}
    return [by_name[name] for name in names if name in by_name and can_view(by_name[name])]


def render(text: str, mentions: Iterable[str], link_for) -> SafeString:
    """The comment's text, escaped, with each resolved mention a link (`link_for(name)`
    gives its address). User text only ever passes through format_html's escaping."""
    known = set(mentions)
    pieces: list[tuple[object]] = []
    at = 0
    for match in MENTION.finditer(text):
        if match[1] not in known:
            continue
        pieces.append((text[at : match.start()],))
        pieces.append(
            (
                format_html(
                    '<a class="mention" href="{}" title="What {} did here">@{}</a>',
                    link_for(match[1]),
                    match[1],
                    match[1],
                ),
            )
        )
        at = match.end()
    pieces.append((text[at:],))
    return format_html_join("", "{}", pieces)

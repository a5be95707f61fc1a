"""@mentions: found in text, resolved to accounts that may see comparisons, rendered
escaped with links only for the names resolved."""

from __future__ import annotations

from django.contrib.auth.models import User

from articles.discussion.mentions import MOST_MENTIONS, mentioned_names, render, resolve


def link(name: str) -> str:
    return f"/people/{name}"


def test_it_finds_names_in_order_once_each():
    assert mentioned_names("@otto and @vera, then @otto again.") == ["otto", "vera"]


def test_a_full_stop_ends_the_sentence_not_the_name():
    assert mentioned_names("Ask @otto.") == ["otto"]
    assert mentioned_names("Ask @j.doe. Then") == ["j.doe"]


def test_an_email_address_is_not_a_mention():
    assert mentioned_names("Write to ops@wire.example or @desk") == ["desk"]


def test_it_keeps_at_most_the_limit():
    text = " ".join(f"@user{n}" for n in range(MOST_MENTIONS + 5))
    assert len(mentioned_names(text)) == MOST_MENTIONS


def test_it_resolves_only_active_accounts_that_may_view(editor, viewer, db):
    User.objects.create_user("nobody", password="pw-for-tests-only")
    User.objects.create_user("gone", password="pw-for-tests-only", is_active=False)
    found = resolve("@edna @vera @nobody @gone @ghost")
    assert [u.username for u in found] == ["edna", "vera"]


def test_it_renders_known_names_as_links_and_escapes_everything_else():
    html = render('<b>hi</b> @otto & @ghost "quoted"', ["otto"], link)
    assert html == (
        '&lt;b&gt;hi&lt;/b&gt; <a class="mention" href="/people/otto" '
        'title="What otto did here">@otto</a> &amp; @ghost &quot;quoted&quot;'
    )


def test_a_hostile_name_cannot_break_out_of_the_link():
    html = render("@x", ["x"], lambda name: '/p/"><script>')
    assert "<script>" not in html
    assert 'href="/p/&quot;&gt;&lt;script&gt;"' in html

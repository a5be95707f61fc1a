import pytest

from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_signs_in_and_lists_the_seed_comparison(page, live_server, editor, seed_comparison):
    sign_in(page, live_server, editor.username)
    assert page.url == f"{live_server.url}/"
    assert "Mutual bombing between US forces" in page.text_content("main")

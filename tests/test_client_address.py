"""The reader's address behind trusted proxies: one function, used by every limit and counter."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from blog.models import PostDailyViews
from comments.models import Comment
from security.addresses import client_address
from tests.helpers import set_comments

PROXY = "10.0.0.5"
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"


def address_of(remote, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **headers))


@pytest.fixture
def behind_a_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24", "2001:db8::1"]


class TestTheAddress:
    def test_without_trusted_proxies_the_header_is_ignored(self, settings):
        settings.TRUSTED_PROXIES = []
        assert address_of("198.51.100.7", "203.0.113.1") == "198.51.100.7"

    def test_a_trusted_proxy_gives_the_address_it_saw(self, behind_a_proxy):
        assert address_of(PROXY, "203.0.113.1") == "203.0.113.1"

    def test_the_right_most_untrusted_entry_wins_over_what_the_reader_wrote(self, behind_a_proxy):
        # The reader sent "X-Forwarded-For: 1.2.3.4"; nginx appended what it saw.
        assert address_of(PROXY, "1.2.3.4, 203.0.113.1") == "203.0.113.1"

    def test_chains_of_trusted_proxies_are_walked(self, behind_a_proxy):
        assert address_of(PROXY, "203.0.113.1, 10.0.0.9, 2001:db8::1") == "203.0.113.1"

    def test_a_request_not_from_a_trusted_proxy_keeps_its_own_address(self, behind_a_proxy):
        assert address_of("198.51.100.7", "203.0.113.1") == "198.51.100.7"

    @pytest.mark.parametrize("forwarded", ["", "garbage", "203.0.113.1, <script>", " , "])
    def test_garbage_in_the_header_never_becomes_an_address(self, behind_a_proxy, forwarded):
        assert address_of(PROXY, forwarded) == PROXY

    def test_ipv4_mapped_addresses_are_the_ipv4_reader(self, settings):
        settings.TRUSTED_PROXIES = []
        assert address_of("::ffff:203.0.113.1") == "203.0.113.1"

    def test_no_address_at_all_is_empty(self, settings):
        assert address_of("") == ""


def comment(client, post, name, address, forwarded_for):
    return client.post(
        reverse("comments:create", kwargs={"post_id": post.pk}),
        {"name": name, "body": f"{name} says hello."},
        REMOTE_ADDR=address,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@pytest.fixture
def two_a_minute(db):
    set_comments(rate_limit=2, rate_seconds=60, min_seconds=0)


class TestLimitsBehindTheProxy:
    def test_two_readers_behind_the_proxy_are_limited_separately(
        self, client, a_post, two_a_minute, behind_a_proxy
    ):
        for n in range(2):
            assert comment(client, a_post, f"Ali{n}", PROXY, "203.0.113.1").status_code == 302
        assert comment(client, a_post, "Ali", PROXY, "203.0.113.1").status_code == 429
        assert comment(client, a_post, "Mona", PROXY, "203.0.113.2").status_code == 302
        assert Comment.objects.filter(guest_name="Mona").exists()

    def test_a_forged_header_without_a_trusted_proxy_does_not_escape_the_limit(
        self, client, a_post, two_a_minute, settings
    ):
        settings.TRUSTED_PROXIES = []
        for n in range(2):
            response = comment(client, a_post, f"Eve{n}", "198.51.100.7", f"203.0.113.{n}")
            assert response.status_code == 302
        response = comment(client, a_post, "Eve", "198.51.100.7", "203.0.113.99")
        assert response.status_code == 429

    def test_a_forged_left_most_entry_does_not_escape_the_limit_behind_the_proxy(
        self, client, a_post, two_a_minute, behind_a_proxy
    ):
        for n in range(2):
            forged = f"192.0.2.{n}, 203.0.113.1"
            assert comment(client, a_post, f"Eve{n}", PROXY, forged).status_code == 302
        assert comment(client, a_post, "Eve", PROXY, "192.0.2.50, 203.0.113.1").status_code == 429

    def test_the_comment_remembers_the_readers_address_not_the_proxys(
        self, client, a_post, two_a_minute, behind_a_proxy
    ):
        from comments.services import hash_ip

        comment(client, a_post, "Ali", PROXY, "203.0.113.1")
        assert Comment.objects.get().ip_hash == hash_ip("203.0.113.1")


class TestViewsBehindTheProxy:
    def beacon(self, client, post, forwarded_for):
        return client.post(
            reverse("blog:count-view", args=[post.pk]),
            HTTP_USER_AGENT=FIREFOX,
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=forwarded_for,
        )

    def test_two_readers_behind_the_proxy_are_two_views(self, client, a_post, behind_a_proxy):
        self.beacon(client, a_post, "203.0.113.1")
        self.beacon(client, a_post, "203.0.113.2")
        self.beacon(client, a_post, "203.0.113.1")
        assert PostDailyViews.objects.get(post=a_post).views == 2

    def test_without_a_trusted_proxy_they_are_one_browser(self, client, a_post, settings):
        settings.TRUSTED_PROXIES = []
        self.beacon(client, a_post, "203.0.113.1")
        self.beacon(client, a_post, "203.0.113.2")
        assert PostDailyViews.objects.get(post=a_post).views == 1


def test_log_records_of_a_request_carry_the_readers_address(behind_a_proxy):
    import logging

    from security.addresses import ClientAddressLogFilter

    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.1")
    record = logging.LogRecord("django.request", logging.WARNING, "", 0, "Not Found", (), None)
    record.request = request
    ClientAddressLogFilter().filter(record)
    assert record.client == "203.0.113.1"
    bare = logging.LogRecord("midad", logging.INFO, "", 0, "started", (), None)
    ClientAddressLogFilter().filter(bare)
    assert bare.client == "-"

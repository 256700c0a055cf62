"""Abuse limits: sliding-window rate limits, sign-in lock-outs on the public and admin sign-in
pages, sign-up and password-reset throttling, and the 429 page with Retry-After."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from security import ratelimit

PASSWORD = "Cedar-window-river-42"
READER_A, READER_B = "203.0.113.10", "203.0.113.20"


class TestSlidingWindow:
    def take(self, at, key="k", limit=3, period=60):
        return ratelimit.take([key], limit, period, now=6000 + at)

    def test_up_to_the_limit_then_the_wait(self):
        assert [self.take(10) for _ in range(3)] == [None, None, None]
        # 50 s to the end of this minute, then 20 s for the three to weigh no more than two.
        assert self.take(10) == 70

    def test_a_refused_request_uses_none_of_the_allowance(self):
        for _ in range(3):
            self.take(10)
        for _ in range(20):
            assert self.take(11) == 69
        assert self.take(80) is None

    def test_a_burst_on_both_sides_of_a_boundary_is_limited(self):
        for _ in range(3):
            assert self.take(59) is None
        assert self.take(61) is not None

    def test_two_periods_later_all_is_forgotten(self):
        for _ in range(3):
            self.take(10)
        assert [self.take(130) for _ in range(3)] == [None, None, None]

    def test_all_keys_count_or_none(self):
        for _ in range(3):
            ratelimit.take(["ip:a"], 3, 60, now=6010)
        assert ratelimit.take(["email:x", "ip:a"], 3, 60, now=6010)
        assert [ratelimit.take(["email:x"], 3, 60, now=6010) for _ in range(3)] == [None] * 3

    def test_no_limit_is_no_limit(self):
        assert all(ratelimit.take(["k"], 0, 60) is None for _ in range(10))


def sign_in(client, url, username, password="wrong-password", address=READER_A):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def assert_locked_out(response):
    assert response.status_code == 429
    assert int(response["Retry-After"]) == 15 * 60
    page = response.content.decode()
    assert "Too many failed sign-in attempts" in page
    assert "15 minutes" in page


@pytest.fixture
def readers(django_user_model, settings):
    settings.LANGUAGE_CODE = "en"
    return [
        # Staff, so that the admin's sign-in page lets them in too.
        django_user_model.objects.create_user(name, f"{name}@example.org", PASSWORD, is_staff=True)
        for name in ("nadia", "omar")
    ]


@pytest.fixture(params=["accounts:login", "admin:login"])
def signin_url(request, settings):
    settings.BLOG_LANGUAGE = "en"
    return reverse(request.param)


@pytest.fixture
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.mark.django_db
class TestSignInLockOut:
    def test_an_account_is_locked_after_five_failures_from_anywhere(
        self, english, readers, signin_url
    ):
        for n in range(5):
            assert sign_in(english, signin_url, "nadia", address=f"198.51.100.{n}").status_code in (
                200,
                429,
            )
        # Even the right password, from yet another address, waits.
        assert_locked_out(sign_in(english, signin_url, "nadia", PASSWORD, address=READER_B))
        # Omar is not locked out.
        assert sign_in(english, signin_url, "omar", PASSWORD, address=READER_B).status_code == 302

    def test_an_address_is_locked_after_five_failures_whatever_the_account(
        self, english, readers, signin_url
    ):
        for n in range(5):
            sign_in(english, signin_url, f"guess{n}")
        assert_locked_out(sign_in(english, signin_url, "omar", PASSWORD))
        assert sign_in(english, signin_url, "omar", PASSWORD, address=READER_B).status_code == 302

    def test_four_failures_then_the_right_password_signs_in(self, english, readers, signin_url):
        for _ in range(4):
            assert sign_in(english, signin_url, "nadia").status_code == 200
        assert sign_in(english, signin_url, "nadia", PASSWORD).status_code == 302

    @pytest.mark.skipif(
        settings.AXES_HANDLER.endswith("AxesCacheHandler"),
        reason="Redis expires lock-outs on its own clock: see test_shared_state",
    )
    def test_the_lock_out_lifts_after_the_cool_off(
        self, english, readers, signin_url, time_machine
    ):
        from django.utils import timezone

        time_machine.move_to(timezone.now(), tick=False)
        for _ in range(5):
            sign_in(english, signin_url, "nadia")
        time_machine.shift(14 * 60)
        assert_locked_out(sign_in(english, signin_url, "nadia", PASSWORD))
        time_machine.shift(16 * 60)
        assert sign_in(english, signin_url, "nadia", PASSWORD).status_code == 302

    def test_readers_behind_a_trusted_proxy_are_locked_out_one_by_one(
        self, english, readers, settings
    ):
        settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
        url = reverse("accounts:login")
        for n in range(5):
            english.post(
                url,
                {"username": f"guess{n}", "password": "x"},
                REMOTE_ADDR="10.0.0.5",
                HTTP_X_FORWARDED_FOR=READER_A,
            )
        data = {"username": "omar", "password": PASSWORD}
        locked = english.post(url, data, REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR=READER_A)
        assert locked.status_code == 429
        other = english.post(url, data, REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR=READER_B)
        assert other.status_code == 302


def signup(client, email, address=READER_A, username=None):
    data = {
        "username": username or email.split("@")[0],
        "email": email,
        "first_name": "",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    return client.post(reverse("accounts:signup"), data, REMOTE_ADDR=address)


def sign_out(client):
    """Sign the new reader out again, keeping the English interface."""
    client.logout()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def reset(client, email, address=READER_A):
    return client.post(reverse("accounts:password_reset"), {"email": email}, REMOTE_ADDR=address)


def assert_throttled(response):
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 2 * 3600
    assert "Please try again in" in response.content.decode()


@pytest.mark.django_db
class TestAccountRequestThrottling:
    @pytest.fixture(autouse=True)
    def three_an_hour(self, settings, english):
        settings.ACCOUNT_RATE_LIMITS = {"signup": (3, 3600), "password_reset": (3, 3600)}

    def test_sign_ups_per_address(self, english):
        for n in range(3):
            assert signup(english, f"reader{n}@example.org").status_code == 302
            sign_out(english)
        assert_throttled(signup(english, "reader9@example.org"))
        assert signup(english, "reader9@example.org", address=READER_B).status_code == 302

    def test_sign_ups_per_target_email(self, english):
        for n in range(3):
            signup(english, "target@example.org", address=f"198.51.100.{n}", username=f"u{n}")
            sign_out(english)
        assert_throttled(signup(english, "TARGET@example.org", address=READER_B))

    def test_password_resets_per_address(self, english, readers):
        for n in range(3):
            assert reset(english, f"someone{n}@example.org").status_code == 302
        assert_throttled(reset(english, "nadia@example.org"))
        assert mail.outbox == []

    def test_password_resets_per_target_email(self, english, readers):
        for n in range(3):
            reset(english, "nadia@example.org", address=f"198.51.100.{n}")
        assert len(mail.outbox) == 3
        assert_throttled(reset(english, "nadia@example.org", address=READER_B))
        assert len(mail.outbox) == 3

    def test_showing_the_forms_is_never_counted(self, english):
        for _ in range(10):
            assert english.get(reverse("accounts:signup")).status_code == 200
            assert english.get(reverse("accounts:password_reset")).status_code == 200

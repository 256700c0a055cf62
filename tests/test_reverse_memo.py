"""Remembered addresses (config/reverse.py) are the ones Django gives, under any script prefix."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.urls import NoReverseMatch, set_script_prefix
from django.urls import reverse as django_reverse

from config.reverse import reverse

CASES = [
    ("blog:home", (), {}),
    ("blog:search", (), {}),
    ("choose-language", ("fr",), {}),
    ("blog:post", (), {"year": 2026, "month": 3, "slug": "خرائط-مفتوحة"}),
    ("blog:label", (), {"slug": "مطبخ"}),
    ("comments:reply", (), {"pk": 12}),
]


@pytest.fixture
def prefix():
    yield set_script_prefix
    set_script_prefix("/")


@pytest.mark.parametrize("name, args, kwargs", CASES)
def test_the_same_address_as_django_gives(name, args, kwargs, prefix):
    for script_prefix in ("/", "/blog/", "/"):
        prefix(script_prefix)
        expected = django_reverse(name, args=args, kwargs=kwargs)
        assert reverse(name, args=args, kwargs=kwargs) == expected
        assert reverse(name, args=args, kwargs=kwargs) == expected  # remembered
    prefix("/blog/")
    assert reverse(name, args=args, kwargs=kwargs).startswith("/blog/")


def test_the_url_tag_behaves_as_djangos(prefix):
    page = Template(
        "{% url 'blog:home' %}|{% url 'choose-language' 'ar' %}|"
        "{% url 'blog:label' slug=label %}|{% url 'no-such-page' as nothing %}[{{ nothing }}]|"
        "{% url 'blog:search' as search %}{{ search }}"
    )
    context = Context({"label": "مطبخ"})
    label = django_reverse("blog:label", kwargs={"slug": "مطبخ"})
    assert page.render(context) == f"/|/language/ar/|{label}|[]|/search/"
    prefix("/site/")
    assert page.render(context).startswith("/site/|/site/language/ar/|")
    with pytest.raises(NoReverseMatch):
        Template("{% url 'no-such-page' %}").render(Context())
    with pytest.raises(TemplateSyntaxError):
        Template("{% url %}")


@pytest.mark.django_db
def test_post_addresses_follow_the_script_prefix(a_post, prefix):
    url = a_post.get_absolute_url()
    prefix("/blog/")
    assert a_post.get_absolute_url() == "/blog" + url

"""Reading threads: tree order, nesting, pages of threads, permalinks, tombstones, the count."""

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from blog.models import Author
from comments import services
from comments.models import Comment, CommentSettings
from tests.helpers import set_comments
from tests.markup import parse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def count_forms(language):
    """The plural forms of the comment count in `language`'s catalogue, by index."""
    path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    entry = polib.pofile(str(path)).find("%(counter)s comment")
    return {int(index): text for index, text in entry.msgstr_plural.items()}


def page_of(client, post, **query):
    response = client.get(post.get_absolute_url(), query)
    assert response.status_code == 200
    return response.content.decode()


def shown_ids(page):
    return [int(pk) for pk in re.findall(r'<li class="comment[^"]*" id="c(\d+)"', page)]


class Nesting(HTMLParser):
    """For each comment item: the comment items it sits in, outermost first."""

    def __init__(self, html):
        super().__init__()
        self.open_items, self.ancestry = [], {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            item = dict(attrs).get("id", "")
            if item.startswith("c") and item[1:].isdigit():
                self.ancestry[int(item[1:])] = [int(i[1:]) for i in self.open_items if i]
            self.open_items.append(item if item.startswith("c") and item[1:].isdigit() else "")

    def handle_endtag(self, tag):
        if tag == "li":
            self.open_items.pop()


@pytest.fixture
def a_thread(make_comment):
    """The tree, drawn:

    a            depth 0
    ├── b        depth 1
    │   └── c    depth 2
    └── e        depth 1
    d            depth 0 (a second thread)
    """
    a = make_comment("a")
    b = make_comment("b", reply_to=a)
    c = make_comment("c", reply_to=b)
    d = make_comment("d")
    e = make_comment("e", reply_to=a)
    return a, b, c, d, e


def test_the_tree_is_stored_in_reading_order(a_thread):
    a, b, c, d, e = a_thread
    rows = list(
        Comment.objects.order_by("thread_id", "path").values_list(
            "pk", "parent_id", "thread_id", "depth"
        )
    )
    assert rows == [
        (a.pk, None, a.pk, 0),
        (b.pk, a.pk, a.pk, 1),
        (c.pk, b.pk, a.pk, 2),
        (e.pk, a.pk, a.pk, 1),
        (d.pk, None, d.pk, 0),
    ]


def test_the_page_nests_replies_inside_their_parents(client, a_thread):
    a, b, c, d, e = a_thread
    page = page_of(client, a.post)
    assert shown_ids(page) == [a.pk, b.pk, c.pk, e.pk, d.pk]
    assert Nesting(page).ancestry == {
        a.pk: [],
        b.pk: [a.pk],
        c.pk: [a.pk, b.pk],
        e.pk: [a.pk],
        d.pk: [],
    }


def test_newest_threads_first_keeps_each_thread_in_reading_order(client, a_thread):
    a, b, c, d, e = a_thread
    set_comments(thread_order=CommentSettings.ThreadOrder.NEWEST)
    assert shown_ids(page_of(client, a.post)) == [d.pk, a.pk, b.pk, c.pk, e.pk]


def test_each_comment_shows_who_when_and_where(client, make_comment, an_author_user, make_post):
    post = make_post(authors=[an_author_user.author_profile])
    guest = make_comment("Salam https://example.org", post=post, guest_website="https://s.example")
    by_author = make_comment("From the author", post=post, user=an_author_user)
    tree = parse(page_of(client, post))

    website = tree.find("a", href="https://s.example")
    assert website.text == "Salima" and website.attrs["rel"] == "nofollow ugc noopener"
    initials = tree.find("li", id=f"c{guest.pk}").find("span", class_="avatar--initials")
    assert initials.has_class("avatar--comment") and initials.attrs["aria-hidden"] == "true"
    assert initials.text == "S"
    permalink = tree.find("a", class_="comment__permalink", href=f"#c{guest.pk}")
    assert permalink.find("time").attrs["datetime"] and permalink.text == "just now"
    assert len(tree.find_all("div", class_="comment__body", dir="auto")) == 2
    linked = tree.find("a", href="https://example.org")
    assert linked.text == "https://example.org"
    assert linked.attrs["rel"] == "nofollow ugc noopener" and linked.attrs["dir"] == "ltr"
    item = tree.find("li", id=f"c{by_author.pk}")
    assert item.attrs["class"] == "comment comment--by-author"
    assert item.find("span", class_="comment__badge").text == "Author"
    assert item.find("span", class_="comment__author").text == "Karim Haddad"


def test_a_commenter_with_a_byline_avatar_shows_it(client, make_comment, a_reader, a_post):
    Author.objects.create(
        user=a_reader, display_name="Amina S.", avatar_small="avatars/renditions/amina.png"
    )
    make_comment(user=a_reader)
    page = page_of(client, a_post)
    assert 'src="/media/avatars/renditions/amina.png"' in page
    assert ">Amina S.</span>" in page


def test_reply_controls_name_the_person_answered(client, make_comment):
    comment = make_comment(guest_name="سليمة")
    page = page_of(client, comment.post)
    reply_url = reverse("comments:reply", kwargs={"pk": comment.pk})
    link = parse(page).find("a", href=reply_url)
    assert link.attrs["data-reply-to"] == str(comment.pk)
    assert link.attrs["aria-label"] == "Reply to سليمة"


class TestPages:
    @pytest.fixture
    def seven_threads(self, make_comment):
        set_comments(threads_per_page=5)
        roots = [make_comment(f"thread {n}") for n in range(7)]
        deep = roots[6]
        for level in range(3):
            deep = make_comment(f"deep {level}", reply_to=deep)
        return roots, deep

    def test_threads_are_split_into_pages_whole(self, client, seven_threads):
        roots, deep = seven_threads
        post = roots[0].post
        first, second = page_of(client, post), page_of(client, post, cpage=2)
        assert shown_ids(first) == [root.pk for root in roots[:5]]
        assert shown_ids(second)[:2] == [roots[5].pk, roots[6].pk]
        assert deep.pk in shown_ids(second)
        assert "?cpage=2#comments" in first and "Comments page 1 of 2" in first
        assert "10 comments" in first and "10 comments" in second

    @pytest.mark.parametrize(("number", "nearest"), [("0", 1), ("-1", 1), ("abc", 1), ("999", 2)])
    def test_a_page_number_out_of_range_shows_the_nearest_page(
        self, client, seven_threads, number, nearest
    ):
        roots, _deep = seven_threads
        page = page_of(client, roots[0].post, cpage=number)
        first_thread = {1: roots[0], 2: roots[5]}[nearest]
        assert shown_ids(page)[0] == first_thread.pk
        assert f"Comments page {nearest} of 2" in page

    def test_a_permalink_to_a_deep_reply_lands_on_its_page(self, client, seven_threads):
        roots, deep = seven_threads
        response = client.get(reverse("comments:permalink", kwargs={"pk": deep.pk}))
        assert response["Location"] == f"{deep.post.get_absolute_url()}?cpage=2#c{deep.pk}"

    def test_with_newest_first_the_oldest_threads_are_on_the_last_page(self, client, seven_threads):
        roots, deep = seven_threads
        set_comments(thread_order=CommentSettings.ThreadOrder.NEWEST)
        first = client.get(reverse("comments:permalink", kwargs={"pk": deep.pk}))
        oldest = client.get(reverse("comments:permalink", kwargs={"pk": roots[0].pk}))
        assert first["Location"].endswith(f"/#c{deep.pk}")
        assert oldest["Location"].endswith(f"?cpage=2#c{roots[0].pk}")

    def test_a_thread_removed_whole_takes_no_room(self, client, seven_threads):
        roots, _deep = seven_threads
        services.remove_comment(roots[1])
        page = page_of(client, roots[0].post)
        assert shown_ids(page) == [roots[0].pk, *[root.pk for root in roots[2:6]]]

    def test_a_permalink_to_a_comment_no_longer_shown_leads_to_the_comments(
        self, client, seven_threads
    ):
        roots, _deep = seven_threads
        services.remove_comment(roots[1])
        response = client.get(reverse("comments:permalink", kwargs={"pk": roots[1].pk}))
        assert response["Location"] == f"{roots[1].post.get_absolute_url()}#comments"


class TestTombstones:
    def test_a_removed_comment_keeps_its_place_while_its_replies_are_shown(self, client, a_thread):
        a, b, c, d, e = a_thread
        services.remove_comment(b)
        page = page_of(client, a.post)
        assert shown_ids(page) == [a.pk, b.pk, c.pk, e.pk, d.pk]
        assert Nesting(page).ancestry[c.pk] == [a.pk, b.pk]
        tombstone = page[page.index(f'id="c{b.pk}"') :]
        assert tombstone.split("</p>")[0].endswith("This comment has been removed by its author.")
        assert ">b</p>" not in page
        assert "4 comments" in page

    def test_a_removed_branch_without_shown_replies_disappears(self, client, a_thread):
        a, b, c, d, e = a_thread
        services.remove_comment(c)
        services.remove_comment(b)
        assert shown_ids(page_of(client, a.post)) == [a.pk, e.pk, d.pk]

    def test_the_reply_stored_beside_keeps_a_removed_target_as_tombstone(
        self, client, make_comment
    ):
        set_comments(max_depth=1)
        root = make_comment("root")
        target = make_comment("target words", reply_to=root)
        beside = make_comment("answer", reply_to=target, guest_name="Omar")
        services.remove_comment(target)

        page = page_of(client, root.post)

        assert shown_ids(page) == [root.pk, target.pk, beside.pk]
        assert "in reply to a comment that has been removed" in page
        assert "target words" not in page


class TestCount:
    @pytest.mark.parametrize(("count", "heading"), [(0, "0 comments"), (1, "1 comment")])
    def test_heading_in_english(self, client, a_post, make_comment, count, heading):
        for n in range(count):
            make_comment(f"comment {n}")
        assert f'id="comments-title">{heading}</h2>' in page_of(client, a_post)

    def test_removed_comments_are_not_counted(self, client, a_post, make_comment):
        make_comment("one")
        services.remove_comment(make_comment("two"))
        assert 'id="comments-title">1 comment</h2>' in page_of(client, a_post)

    def test_french_counts_zero_and_one_as_singular(self, client, a_post):
        """French says "0 commentaire": the plural rule comes from the active language."""
        singular = count_forms("fr")[0]
        assert singular == "%(counter)s commentaire"
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
        assert 'id="comments-title">0 commentaire</h2>' in page_of(client, a_post)

    @pytest.mark.parametrize(
        ("count", "form"), [(0, 0), (1, 1), (2, 2), (3, 3), (10, 3), (11, 4), (99, 4), (100, 5)]
    )
    def test_arabic_picks_the_right_one_of_six_plural_forms(
        self, client, a_post, make_comment, count, form
    ):
        forms = count_forms("ar")
        # Six different wordings, so the heading tells which form the page chose.
        assert len(set(forms.values())) == 6
        for n in range(count):
            make_comment(f"comment {n}")
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
        heading = forms[form] % {"counter": count}
        assert f'id="comments-title">{heading}</h2>' in page_of(client, a_post)

    def test_the_arabic_plural_rule_has_six_forms(self):
        forms = count_forms("ar")
        with translation.override("ar"):
            chosen = [
                translation.ngettext("%(counter)s comment", "%(counter)s comments", n)
                for n in (0, 1, 2, 5, 12, 101)
            ]
        assert chosen == [forms[index] for index in range(6)]

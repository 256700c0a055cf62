"""A big generated blog for benchmarks: many posts and comments written with bulk inserts.

Posts are assembled from the sentences, headings and titles of the demo posts in their own
language (Arabic, French, English), so words repeat as they do in a real blog and search finds
realistic numbers of posts. Labels and bylines follow a long tail (one label covers a third of
the posts), comments come in threads of every size, mostly approved, some held, spam or removed.
Rows are built in Python as the site's write paths would store them (thread fields, search
terms, `listed_at` on labels and bylines) and written in batches through blog.demo.bulk, so that
100,000 posts and 1,000,000 comments take minutes on SQLite and PostgreSQL alike.
"""

import functools
import random
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from blog.headings import anchor_headings
from blog.models import Author, Byline, Label, LabelledPost, Post, SearchEntry
from blog.sanitize import render_comment_body
from blog.search import write_terms
from blog.text import reading_minutes, search_terms
from comments.models import Comment

from .bulk import bulk_load, insert_rows, reset_sequences
from .content import AUTHORS, LABELS
from .posts_ar import POSTS as ARABIC_POSTS
from .posts_en import POSTS as ENGLISH_POSTS
from .posts_fr import POSTS as FRENCH_POSTS

LANGUAGES = ("ar", "fr", "en")
# Share of posts per language: an Arabic blog that also writes in French and English.
LANGUAGE_WEIGHTS = (6, 2, 2)
POSTS_PER_BATCH = 1000
# The tables written in bulk (see blog.demo.bulk).
LOADED_MODELS = [Post, Byline, LabelledPost, SearchEntry, Comment]
# States as plain strings, as the database drivers take them.
PUBLISHED, DRAFT, SCHEDULED = (
    Post.Status.PUBLISHED.value,
    Post.Status.DRAFT.value,
    Post.Status.SCHEDULED.value,
)
APPROVED, PENDING, SPAM, REMOVED = (
    Comment.Status.APPROVED.value,
    Comment.Status.PENDING.value,
    Comment.Status.SPAM.value,
    Comment.Status.REMOVED.value,
)
MAX_COMMENTS_PER_POST = 3000
COMMENT_MAX_DEPTH = 5
PATH_STEP = 10

_SENTENCE_END = re.compile(r"(?<=[.!?؟…])\s+")
_HEADING = re.compile(r"<h[23]>(.*?)</h[23]>")
_TAG = re.compile(r"<[^>]+>")

FIRST_NAMES = {
    "ar": ("سلمى", "كريم", "نور", "هشام", "مريم", "عمر", "ليلى", "سامي", "رانية", "يوسف"),
    "fr": ("Camille", "Julien", "Inès", "Mathieu", "Claire", "Karim", "Léa", "Antoine"),
    "en": ("Hannah", "David", "Amira", "Thomas", "Grace", "Samuel", "Olivia", "Adam"),
}
LAST_NAMES = {
    "ar": ("الحسني", "بنعلي", "العلوي", "الشامي", "المصري", "التونسي", "الإدريسي", "القاسمي"),
    "fr": ("Martin", "Benali", "Lefèvre", "Moreau", "Haddad", "Girard", "Roux", "Fontaine"),
    "en": ("Carter", "Hughes", "Mansour", "Bennett", "Walsh", "Porter", "Reed", "Collins"),
}
# Extra labels, so that the long tail of rarely used labels exists as on a real blog.
LABEL_WORDS = {
    "ar": ("رحلات", "مطبخ", "ذاكرة", "حرف", "موسيقى", "تعليم", "بيئة", "أحياء", "لغة", "صور"),
    "fr": ("voyages", "cuisine", "mémoire", "métiers", "musique", "école", "quartiers", "langue"),
    "en": ("travel", "kitchen", "memory", "crafts", "music", "schools", "gardens", "repair"),
}
COMMENT_SENTENCES = {
    "ar": (
        "شكرا على هذا المقال الجميل.",
        "هذا رأي يستحق النقاش والتفكير.",
        "لا أوافق تماما، لكن الفكرة مهمة.",
        "زرت المكان نفسه السنة الماضية ووجدته كما وصفته.",
        "هل من مراجع لمن يريد أن يقرأ أكثر؟",
        "أعجبتني الفقرة الأخيرة كثيرا.",
    ),
    "fr": (
        "Merci pour ce beau texte.",
        "La question mérite mieux que ça.",
        "Voir la source : https://example.org/source",
        "J'y suis passé l'été dernier, c'est exactement ça.",
        "Je ne suis pas tout à fait d'accord, mais l'idée est juste.",
    ),
    "en": (
        "Thank you for writing this.",
        "The point is fair but incomplete.",
        "I went there last spring and it was just as you describe.",
        "Any references for those who want to read more?",
        "The last paragraph made my day.",
    ),
}


@dataclass
class Corpus:
    """What posts of one language are made of."""

    titles: list
    headings: list
    sentences: list
    comment_bodies: list = field(default_factory=list)


@dataclass
class SeedReport:
    posts: Counter = field(default_factory=Counter)
    languages: Counter = field(default_factory=Counter)
    comments: Counter = field(default_factory=Counter)
    threads: int = 0
    deepest: int = 0
    bylines: int = 0
    labelled: int = 0
    labels: int = 0
    authors: int = 0
    readers: int = 0
    busiest_post: tuple = (None, 0)
    biggest_label: tuple = ("", 0)
    seconds: float = 0.0
    phases: dict = field(default_factory=dict)


def build_corpus(rng):
    demo = {"ar": ARABIC_POSTS, "fr": FRENCH_POSTS, "en": ENGLISH_POSTS}
    corpora = {}
    for language, posts in demo.items():
        titles, headings, sentences = [], [], []
        for post in posts:
            titles.append(post.title)
            headings.extend(_TAG.sub("", h) for h in _HEADING.findall(post.body))
            for paragraph in re.findall(r"<(?:p|li)>(.*?)</(?:p|li)>", post.body, re.S):
                text = " ".join(_TAG.sub("", paragraph).split())
                sentences.extend(s for s in _SENTENCE_END.split(text) if len(s) > 20)
        bodies = []
        for _ in range(60):
            chosen = rng.sample(COMMENT_SENTENCES[language], rng.randint(1, 3))
            body = " ".join(chosen)
            bodies.append((body, render_comment_body(body)))
        corpora[language] = Corpus(titles, headings, sentences, bodies)
    return corpora


def make_title(corpus, rng):
    """A heading or a demo title, sometimes joined to a second one, as bloggers title posts."""
    first = rng.choice(corpus.headings if rng.random() < 0.7 else corpus.titles)
    if rng.random() < 0.3:
        second = rng.choice(corpus.headings).rstrip(".:؟?!")
        return f"{first.rstrip('.:')}: {second}"[:190]
    return first[:190]


def make_body(corpus, rng):
    """(html, plain text, pieces): three to six paragraphs under a heading or two, and the
    headings and sentences the text is made of, in order and apart by white space only (so the
    search terms of the text are those of its pieces end to end)."""
    html, text, pieces = [], [], []
    for number in range(rng.randint(3, 6)):
        if number and rng.random() < 0.4:
            heading = rng.choice(corpus.headings)
            html.append(f"<h2>{heading}</h2>")
            text.append(heading)
            pieces.append(heading)
        sentences = rng.choices(corpus.sentences, k=rng.randint(2, 5))
        paragraph = " ".join(sentences)
        html.append(f"<p>{paragraph}</p>")
        text.append(paragraph)
        pieces.extend(sentences)
    return "\n".join(html), "\n\n".join(text), pieces


def comment_counts(post_count, total, rng):
    """How many comments each post gets: a long tail (most posts a few, some hundreds), capped,
    summing to `total` exactly (when the cap allows)."""
    if post_count == 0 or total == 0:
        return [0] * post_count
    weights = [min(rng.paretovariate(1.3), 400.0) for _ in range(post_count)]
    scale = total / sum(weights)
    counts = [min(MAX_COMMENTS_PER_POST, int(w * scale)) for w in weights]
    missing = total - sum(counts)
    while missing > 0:
        index = rng.randrange(post_count)
        if counts[index] < MAX_COMMENTS_PER_POST:
            counts[index] += 1
            missing -= 1
    return counts


def _people(rng, report):
    """Bylined authors (the demo's and generated ones) and signed-up readers."""
    authors = list(Author.objects.filter(slug__in=[a.slug for a in AUTHORS]))
    existing = set(Author.objects.values_list("slug", flat=True))
    new_authors = []
    for number in range(40):
        language = LANGUAGES[number % 3]
        name = f"{FIRST_NAMES[language][number % 10 % len(FIRST_NAMES[language])]} "
        name += LAST_NAMES[language][number // 3 % len(LAST_NAMES[language])]
        slug = f"{slugify(name, allow_unicode=True)}-{number + 1}"
        if slug not in existing:
            new_authors.append(Author(display_name=name, slug=slug, bio=""))
    Author.objects.bulk_create(new_authors)
    report.authors = len(new_authors)
    authors = list(Author.objects.all().order_by("pk"))

    users = get_user_model()
    taken = set(
        users.objects.filter(username__startswith="reader-").values_list("username", flat=True)
    )
    new_readers = [
        users(username=f"reader-{n}", first_name=f"Reader {n}", password="!")
        for n in range(1, 201)
        if f"reader-{n}" not in taken
    ]
    users.objects.bulk_create(new_readers)
    report.readers = len(new_readers)
    readers = list(
        users.objects.filter(username__startswith="reader-").values_list("pk", flat=True)
    )
    return authors, readers


def _labels(rng, report):
    """Labels, most used first: the demo's first label covers about a third of the posts."""
    names = list(LABELS)
    for language in LANGUAGES:
        for word in LABEL_WORDS[language]:
            for other in LABEL_WORDS[language]:
                if other != word:
                    names.append(f"{word} {other}" if rng.random() < 0.15 else word)
    names = list(dict.fromkeys(names))
    existing = set(Label.objects.values_list("name", flat=True))
    missing = [name for name in names if name not in existing]
    for name in missing:
        # Through the model, for taggit's Unicode slugs; a few hundred rows at most.
        Label.objects.create(name=name)
    report.labels = len(missing)
    by_name = {label.name: label for label in Label.objects.all()}
    return [by_name[name] for name in names]


def _next_id(model):
    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


def seed(posts=1000, comments=10000, *, seed=1, log=print):
    """Write `posts` posts and `comments` comments; returns a SeedReport."""
    started = time.perf_counter()
    rng = random.Random(seed)
    report = SeedReport()
    with transaction.atomic():
        authors, readers = _people(rng, report)
        labels = _labels(rng, report)
    # Dropping the indexes pays when the load at least doubles the tables.
    rebuild = posts > Post.objects.count()
    batches = _batches(posts, comments, rng, report, authors, readers, labels)
    with bulk_load(LOADED_MODELS, rebuild_indexes=rebuild):
        for done, (rows, bylines, labelled, comment_rows) in batches:
            with transaction.atomic():
                insert_rows(Post, rows)
                insert_rows(Byline, bylines)
                insert_rows(LabelledPost, labelled)
                insert_rows(Comment, comment_rows)
                write_terms((row["id"], row["listed_at"], *row["terms"]) for row in rows)
            report.bylines += len(bylines)
            report.labelled += len(labelled)
            if done % (POSTS_PER_BATCH * 10) == 0 or done == posts:
                log(
                    f"  {done} posts, {sum(report.comments.values())} comments "
                    f"({time.perf_counter() - started:.0f} s)"
                )
    if rebuild:
        log(f"  indexes built again ({time.perf_counter() - started:.0f} s)")
    reset_sequences(LOADED_MODELS + [Author, Label])
    report.seconds = time.perf_counter() - started
    return report


def _batches(posts, comments, rng, report, authors, readers, labels):
    """(posts made so far, (post rows, byline rows, label rows, comment rows)) for each batch of
    POSTS_PER_BATCH posts, counted in `report` as they are made."""
    corpora = build_corpus(rng)
    author_weights = [1 / (rank + 1) ** 0.8 for rank in range(len(authors))]
    label_weights = [1 / (rank + 1) for rank in range(len(labels) - 1)]
    now = timezone.now().replace(microsecond=0)
    # Twelve years of posts, the newest a few hours old; some scheduled, some drafts.
    span = timedelta(days=365 * 12)
    step = span / max(posts, 1)
    counts = comment_counts(posts, comments, rng)
    post_id, comment_id = _next_id(Post), _next_id(Comment)
    # Comments meant for a draft or scheduled post go to the next published one.
    carried = 0
    label_use = Counter()
    # Posts are made of a few thousand sentences: each one's search terms are worked out once.
    terms_of = functools.lru_cache(maxsize=None)(lambda text: tuple(search_terms(text)))
    for first in range(0, posts, POSTS_PER_BATCH):
        batch = range(first, min(posts, first + POSTS_PER_BATCH))
        rows, bylines, labelled, comment_rows = [], [], [], []
        for index in batch:
            language = rng.choices(LANGUAGES, LANGUAGE_WEIGHTS)[0]
            corpus = corpora[language]
            publish_at = now - span + step * index + timedelta(seconds=rng.randint(0, 3600))
            status = PUBLISHED
            draw = rng.random()
            if draw < 0.02:
                status = DRAFT
            elif draw < 0.03 or publish_at > now:
                status = SCHEDULED
                publish_at = now + timedelta(days=rng.randint(1, 60))
            listed_at = None if status == DRAFT else publish_at
            title = make_title(corpus, rng)
            body, body_text, pieces = make_body(corpus, rng)
            # What Post.save adds: heading anchors and the reading time.
            body, headings = anchor_headings(body)
            summary = rng.sample(corpus.sentences, 2) if rng.random() < 0.4 else []
            excerpt = " ".join(summary)
            slug = f"{slugify(title, allow_unicode=True)[:180].strip('-') or 'post'}-{post_id}"
            rows.append(
                {
                    "id": post_id,
                    "title": title,
                    "slug": slug,
                    "body": body,
                    "body_text": body_text,
                    "headings": headings_field.get_db_prep_save(headings, connection),
                    "reading_minutes": reading_minutes(body_text, language),
                    "excerpt": excerpt,
                    "status": status,
                    "publish_at": publish_at,
                    "created_at": min(publish_at, now),
                    "updated_at": min(publish_at + timedelta(hours=rng.randint(0, 48)), now),
                    "language": language,
                    "listed_at": listed_at,
                    "terms": (
                        terms_of(title),
                        [term for sentence in summary for term in terms_of(sentence)],
                        [term for piece in pieces for term in terms_of(piece)],
                    ),
                }
            )
            report.posts[status] += 1
            report.languages[language] += 1
            chosen = {rng.choices(range(len(authors)), author_weights)[0]}
            if rng.random() < 0.15:
                chosen.add(rng.randrange(len(authors)))
            for order, author in enumerate(sorted(chosen)):
                bylines.append(
                    {
                        "post_id": post_id,
                        "author_id": authors[author].pk,
                        "order": order,
                        "listed_at": listed_at,
                    }
                )
            tags = set()
            if rng.random() < 1 / 3:
                tags.add(0)
            for _ in range(rng.randint(1, 3)):
                tags.add(1 + rng.choices(range(len(labels) - 1), label_weights)[0])
            for tag in tags:
                labelled.append(
                    {"content_object_id": post_id, "tag_id": labels[tag].pk, "listed_at": listed_at}
                )
                label_use[tag] += 1
            carried += counts[index]
            if status == PUBLISHED and carried:
                comment_id = _thread_comments(
                    comment_rows,
                    post_id,
                    carried,
                    comment_id,
                    publish_at,
                    now,
                    corpus,
                    readers,
                    rng,
                    report,
                )
                carried = 0
            post_id += 1
        if label_use:
            tag, uses = label_use.most_common(1)[0]
            report.biggest_label = (labels[tag].name, uses)
        yield batch.stop, (rows, bylines, labelled, comment_rows)


def _thread_comments(rows, post_id, count, next_id, publish_at, now, corpus, readers, rng, report):
    """Append `count` comments of one post to `rows`, in threads; return the next free id.

    About one comment in eight starts a thread; the others answer an approved comment of a
    recent thread, most often its top or a comment near it, sometimes the last one, down to the
    deepest level, where answers are placed beside the comment they answer (as replies are).
    """
    approved, removed = APPROVED, REMOVED
    threads = []
    first = max(publish_at, now - timedelta(days=3000))
    spacing = (now - first) / (count + 1)
    for number in range(count):
        parent = thread = None
        if threads and rng.random() > 0.12:
            thread = threads[-rng.randint(1, min(len(threads), 12))]
            target = thread[min(len(thread) - 1, int(rng.paretovariate(1.2)) - 1)]
            if rng.random() < 0.25:
                target = thread[-1]
            if target["status"] == approved:
                parent = target
        body, body_html = rng.choice(corpus.comment_bodies)
        created = first + spacing * (number + 1)
        draw = rng.random()
        status = approved
        if draw < 0.03:
            status = PENDING
        elif draw < 0.05:
            status = SPAM
        elif draw < 0.07:
            status = removed
        comment = {
            "id": next_id,
            "post_id": post_id,
            "body": body,
            "body_html": body_html,
            "status": status,
            "created_at": created,
            "published_at": None if status == PENDING else created,
        }
        if status == removed:
            comment["removed_by"] = Comment.RemovedBy.AUTHOR.value
            comment["removed_at"] = created + timedelta(hours=1)
            comment["status_before_removal"] = approved
        elif status == PENDING:
            comment["held_reason"] = Comment.HoldReason.FIRST_COMMENT.value
        if rng.random() < 0.4:
            comment["user_id"] = rng.choice(readers)
        else:
            comment["guest_name"] = (
                f"{rng.choice(FIRST_NAMES[rng.choice(LANGUAGES)])} {number % 97}"
            )
        if parent is None:
            comment.update(thread_id=next_id, depth=0, path=f"{next_id:0{PATH_STEP}d}")
            comment["parent"] = None
            threads.append([comment])
            report.threads += 1
        else:
            placed = parent if parent["depth"] < COMMENT_MAX_DEPTH else parent["parent"]
            comment.update(
                parent=placed,
                parent_id=placed["id"],
                in_reply_to_id=parent["id"],
                thread_id=parent["thread_id"],
                depth=placed["depth"] + 1,
                path=f"{placed['path']}{next_id:0{PATH_STEP}d}",
            )
            report.deepest = max(report.deepest, comment["depth"])
            thread.append(comment)
        rows.append(comment)
        report.comments[status] += 1
        next_id += 1
    if count > report.busiest_post[1]:
        report.busiest_post = (post_id, count)
    return next_id


headings_field = Post._meta.get_field("headings")

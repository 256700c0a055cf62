import json
from urllib.parse import quote, urlencode

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.encoding import escape_uri_path
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info

from blog import pagecache, popular, related, widgets
from blog.models import BlogSettings, Post
from blog.text import written_language

register = template.Library()

# The characters json_script escapes, so JSON can never close the <script> element it sits in.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def text_lang(text):
    """` lang="ar" dir="rtl"` (or part of it) for a name or label written in another script
    than the page's, so screen readers pronounce it in its own language (WCAG 3.1.2)."""
    lang, direction = written_language(str(text), get_language())
    attributes = format_html(' lang="{}"', lang) if lang else ""
    if direction:
        attributes += format_html(' dir="{}"', direction)
    return mark_safe(attributes)


@register.filter
def machine_time(moment):
    """A `<time datetime>` value: local time to the second (HTML refuses microseconds)."""
    if not moment:
        return ""
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


@register.simple_tag
def latest_posts(count=5):
    """The newest published posts, for pages that offer a way on (the 404 page)."""
    return list(Post.objects.published().only("title", "slug", "language", "publish_at")[:count])


@register.simple_tag
def archive_widget():
    return widgets.drawn(
        "blog:archive",
        "blog/widgets/archive.html",
        lambda: {"years": widgets.archive_months()},
    )


@register.simple_tag
def labels_widget():
    return widgets.drawn(
        "blog:labels", "blog/widgets/labels.html", lambda: {"labels": widgets.labels_in_use()}
    )


@register.inclusion_tag("blog/widgets/popular.html")
def popular_posts(post=None):
    """The "Popular posts from this blog" list; `post` is the one being read, if any."""
    blog = BlogSettings.load()
    return {
        "items": popular.popular_items(blog, exclude=post or None),
        "show_snippet": blog.popular_show_snippet,
        "show_thumbnail": blog.popular_show_thumbnail,
    }


@register.inclusion_tag("blog/includes/related_posts.html")
def related_posts(post):
    """Posts sharing labels with `post`, below it."""
    return {"items": related.related_items(post)}


# Where each network takes a link to share, and the parameters it reads. Plain links: the page
# loads nothing from these sites.
SHARE_TARGETS = [
    ("x", "X", "https://x.com/intent/post", lambda url, title: {"url": url, "text": title}),
    (
        "facebook",
        "Facebook",
        "https://www.facebook.com/sharer/sharer.php",
        lambda url, title: {"u": url},
    ),
    ("whatsapp", "WhatsApp", "https://wa.me/", lambda url, title: {"text": f"{title} {url}"}),
    (
        "telegram",
        "Telegram",
        "https://t.me/share/url",
        lambda url, title: {"url": url, "text": title},
    ),
    (
        "linkedin",
        "LinkedIn",
        "https://www.linkedin.com/sharing/share-offsite/",
        lambda url, title: {"url": url},
    ),
]


@register.inclusion_tag("blog/includes/share.html", takes_context=True)
def share_links(context, post):
    """Links that share the post on the networks readers use, by e-mail, or by copying it."""
    url = context["request"].build_absolute_uri(post.get_absolute_url())
    return {
        "post": post,
        "url": url,
        "networks": [
            (key, name, f"{address}?{urlencode(parameters(url, post.title))}")
            for key, name, address, parameters in SHARE_TARGETS
        ],
        "mail": "mailto:?" + urlencode({"subject": post.title, "body": url}, quote_via=quote),
    }


@register.inclusion_tag("blog/includes/site_menu.html", takes_context=True)
def site_menu(context):
    """The pages of the site menu, as list items after "Home"."""
    request = context["request"]
    language = getattr(request, "LANGUAGE_CODE", settings.BLOG_LANGUAGE)
    # Menu addresses are percent-encoded, as `reverse` gives them; so is the path compared.
    return {"items": widgets.menu_items(language), "current_path": escape_uri_path(request.path)}


@register.inclusion_tag("blog/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context["request"]
    return {
        "languages": [get_language_info(code) for code, _name in settings.LANGUAGES],
        "current": getattr(request, "LANGUAGE_CODE", settings.BLOG_LANGUAGE),
        "next": request.get_full_path(),
    }


@register.simple_tag(takes_context=True)
def post_json_ld(context, post):
    """Schema.org Article data for a post, as a JSON-LD script element."""
    request = context["request"]
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.title,
        "inLanguage": post.language,
        "datePublished": post.publish_at.isoformat(),
        "dateModified": post.updated_at.isoformat(),
        "mainEntityOfPage": request.build_absolute_uri(post.get_absolute_url()),
        "author": [
            {
                "@type": "Person",
                "name": author.display_name,
                "url": request.build_absolute_uri(author.get_absolute_url()),
            }
            for author in post.byline_authors
        ],
        "description": post.snippet(200),
    }
    if post.featured_large:
        data["image"] = request.build_absolute_uri(post.featured_large.url)
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


class SharedPartNode(template.Node):
    def __init__(self, name, nodelist):
        self.name, self.nodelist = name, nodelist

    def render(self, context):
        request = context.get("request")
        key = request and pagecache.part_key(request, self.name)
        if key is None:
            return self.nodelist.render(context)
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, html, pagecache.page_seconds(request))
        return html


@register.tag
def shared_part(parser, token):
    """`{% shared_part "name" %}…{% endshared_part %}`: a part of a post page that is the same
    for every reader in this language (nothing of the reader's own inside), drawn once and kept
    with the page's version stamps (blog.pagecache.part_key). Elsewhere, and in previews, it is
    drawn each time."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "'\"" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError("{% shared_part %} takes one quoted name")
    nodelist = parser.parse(("endshared_part",))
    parser.delete_first_token()
    return SharedPartNode(bits[1][1:-1], nodelist)

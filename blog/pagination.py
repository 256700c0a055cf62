"""Pages of long lists of posts that cost the same on page 1 and page 5,000.

A list is given as a queryset of post ids in list order (`Post.objects.published().listing()`,
`LabelledPost.objects.filter(tag=…).listing("content_object")`, …), which the database answers
from one index without reading the posts: counting it and skipping to a far page stay cheap.
Only the posts of the page asked for are then read, with their bylines and labels.
"""

from django.core.paginator import Paginator

from .models import Post


class PostPaginator(Paginator):
    # How the posts of a page are read.
    posts = Post.objects.with_bylines()

    def _get_page(self, ids, number, paginator):
        return super()._get_page(self.posts.in_order(ids), number, paginator)

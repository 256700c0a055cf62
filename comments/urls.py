from django.urls import path

from . import feeds, views

app_name = "comments"

urlpatterns = [
    path("post/<int:post_id>/", views.create, name="create"),
    path("<int:pk>/", views.permalink, name="permalink"),
    path("<int:pk>/reply/", views.reply, name="reply"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("feeds/rss/", feeds.LatestCommentsRss(), name="feed-rss"),
    path("feeds/atom/", feeds.LatestCommentsAtom(), name="feed-atom"),
    path("feeds/post/<int:post_id>/rss/", feeds.PostCommentsRss(), name="post-feed-rss"),
    path("feeds/post/<int:post_id>/atom/", feeds.PostCommentsAtom(), name="post-feed-atom"),
]

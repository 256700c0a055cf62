from django.urls import path

from . import feeds, moderation_views, views

app_name = "comments"

urlpatterns = [
    path("post/<int:post_id>/", views.create, name="create"),
    path("form-tokens/", views.form_tokens, name="form-tokens"),
    path("<int:pk>/", views.permalink, name="permalink"),
    path("<int:pk>/reply/", views.reply, name="reply"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/report/", views.report, name="report"),
    path("<int:pk>/approve/", moderation_views.approve, name="approve"),
    path("<int:pk>/spam/", moderation_views.spam, name="spam"),
    path("<int:pk>/restore/", moderation_views.restore, name="restore"),
    path("<int:pk>/ban/", moderation_views.ban, name="ban"),
    path("post/<int:post_id>/close/", moderation_views.close, name="close"),
    path("post/<int:post_id>/reopen/", moderation_views.reopen, name="reopen"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("stop-replies/<str:token>/", views.stop_replies, name="stop-replies"),
    path("feeds/rss/", feeds.LatestCommentsRss(), name="feed-rss"),
    path("feeds/atom/", feeds.LatestCommentsAtom(), name="feed-atom"),
    path("feeds/post/<int:post_id>/rss/", feeds.PostCommentsRss(), name="post-feed-rss"),
    path("feeds/post/<int:post_id>/atom/", feeds.PostCommentsAtom(), name="post-feed-atom"),
]

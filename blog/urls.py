from django.urls import path, register_converter

from . import converters, feeds, popular, views

register_converter(converters.FourDigitYear, "yyyy")
register_converter(converters.TwoDigitMonth, "mm")
register_converter(converters.UnicodeSlug, "uslug")

app_name = "blog"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("<yyyy:year>/", views.YearArchiveView.as_view(), name="year"),
    path("<yyyy:year>/<mm:month>/", views.MonthArchiveView.as_view(), name="month"),
    path("<yyyy:year>/<mm:month>/<uslug:slug>/", views.post_detail, name="post"),
    path("label/<uslug:slug>/", views.LabelView.as_view(), name="label"),
    path("author/<uslug:slug>/", views.AuthorView.as_view(), name="author"),
    path("p/<uslug:slug>/", views.page_detail, name="page"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("preview/<int:pk>/", views.post_preview, name="preview"),
    path("views/<int:post_id>/", popular.count_view_beacon, name="count-view"),
    path("feeds/rss/", feeds.LatestPostsRss(), name="feed-rss"),
    path("feeds/atom/", feeds.LatestPostsAtom(), name="feed-atom"),
    path("feeds/label/<uslug:slug>/rss/", feeds.LabelPostsRss(), name="label-feed-rss"),
    path("feeds/label/<uslug:slug>/atom/", feeds.LabelPostsAtom(), name="label-feed-atom"),
    path("feeds/author/<uslug:slug>/rss/", feeds.AuthorPostsRss(), name="author-feed-rss"),
    path("feeds/author/<uslug:slug>/atom/", feeds.AuthorPostsAtom(), name="author-feed-atom"),
]

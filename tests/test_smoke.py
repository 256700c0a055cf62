import pytest


@pytest.mark.django_db
def test_home_page_lists_a_published_post(client, a_post):
    response = client.get("/")
    assert response.status_code == 200
    assert a_post.title in response.content.decode()

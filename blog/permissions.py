"""Who may do what to posts, beyond the admin's model permissions: one function per rule."""


def may_add_body_image(user, post=None):
    """Whether `user` may upload a picture into the body of `post` (None: a post not yet saved).

    Staff who may add posts upload for the post they are writing; for a saved post, only those
    who may change it and may edit that one (`Post.is_editable_by`: editors every post, authors
    the posts that carry their byline, contributors their own posts not yet published).
    """
    if not (user.is_active and user.is_staff):
        return False
    if post is None:
        return user.has_perm("blog.add_post")
    return user.has_perm("blog.change_post") and post.is_editable_by(user)

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATORS = "Moderators"
EDITORS = "Editors"

# Moderators look after the comments of every post, in the admin's moderation queue and on the
# page; editors, who run the whole blog, get the same rights.
MODERATION_PERMISSIONS = [
    ("comments", "moderate_comments"),
    ("comments", "view_comment"),
    ("comments", "delete_comment"),
    ("comments", "view_report"),
    ("comments", "view_ban"),
    ("comments", "change_ban"),
    ("comments", "view_moderationlog"),
]


def permissions(apps):
    # Permissions of models created in this run only exist once post_migrate has run.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in MODERATION_PERMISSIONS
    ]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    granted = permissions(apps)
    moderators, _created = Group.objects.get_or_create(name=MODERATORS)
    moderators.permissions.add(*granted)
    editors, _created = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(*granted)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.filter(name=MODERATORS).delete()
    granted = Permission.objects.filter(
        content_type__app_label="comments",
        codename__in=[codename for _app, codename in MODERATION_PERMISSIONS],
    )
    for editors in Group.objects.filter(name=EDITORS):
        editors.permissions.remove(*granted)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0002_moderation"),
        ("blog", "0002_editor_and_author_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
AUTHORS = "Authors"

# Editors run the whole blog; Authors write and edit only the posts they are a byline of
# (the admin narrows their querysets to those, see BylineRestrictionMixin).
EDITOR_PERMISSIONS = [
    ("blog", "post", ["add", "change", "delete", "view"]),
    ("blog", "author", ["add", "change", "delete", "view"]),
    ("blog", "label", ["add", "change", "delete", "view"]),
    ("blog", "byline", ["add", "change", "delete", "view"]),
    ("blog", "blogsettings", ["change", "view"]),
    ("taggit", "tag", ["view"]),
]
AUTHOR_PERMISSIONS = [
    ("blog", "post", ["add", "change", "view"]),
    ("blog", "author", ["change", "view"]),
    ("blog", "label", ["add", "view"]),
    ("blog", "byline", ["add", "change", "delete", "view"]),
]


def codenames(spec):
    for app_label, model, actions in spec:
        for action in actions:
            yield app_label, f"{action}_{model}"


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(spec, extra=()):
        found = []
        for app_label, codename in [*codenames(spec), *extra]:
            found.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        return found

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.set(permissions(EDITOR_PERMISSIONS, [("blog", "edit_any_post")]))
    authors, _ = Group.objects.get_or_create(name=AUTHORS)
    authors.permissions.set(permissions(AUTHOR_PERMISSIONS))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, AUTHORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]

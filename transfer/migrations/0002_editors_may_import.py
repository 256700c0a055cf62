from django.contrib.auth.management import create_permissions
from django.db import migrations


def allow_editors(apps, schema_editor):
    app_config = apps.get_app_config("transfer")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(
        Permission.objects.get(content_type__app_label="transfer", codename="import_blog")
    )


def disallow_editors(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Editors"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="transfer", codename="import_blog")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("transfer", "0001_initial"),
        ("blog", "0002_editor_and_author_groups"),
    ]

    operations = [migrations.RunPython(allow_editors, disallow_editors)]

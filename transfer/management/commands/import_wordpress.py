from transfer.command import ImportCommand


class Command(ImportCommand):
    help = "Import a WordPress blog from its WXR export file. Running it again changes nothing."
    source = "wordpress"

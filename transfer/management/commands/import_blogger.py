from transfer.command import ImportCommand


class Command(ImportCommand):
    help = (
        "Import a Blogger blog: the classic “Back up content” XML file or Takeout's feed.atom. "
        "Running it again changes nothing."
    )
    source = "blogger"

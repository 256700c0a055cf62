"""Compile the .po catalogues into the .mo files Django reads, without GNU gettext.

    python locale/catalogues.py        # compile every locale/*/LC_MESSAGES/*.po

The compiled files are committed so a fresh machine needs no gettext; tests/test_i18n.py fails
when a .mo no longer matches its .po.
"""

import sys
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent


def catalogues():
    return sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))


def compile_all():
    for po_path in catalogues():
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
        print(f"compiled {po_path.relative_to(LOCALE_DIR.parent)}")


if __name__ == "__main__":
    compile_all()
    sys.exit(0)

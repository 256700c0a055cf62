"""The translation catalogues: complete, compiled, and used by the pages."""

import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
TRANSLATED = ["ar", "fr"]


def catalogue(language):
    return polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))


def entries(po):
    return {(entry.msgctxt, entry.msgid, entry.msgid_plural) for entry in po if not entry.obsolete}


@pytest.mark.parametrize("language", TRANSLATED)
def test_compiled_catalogue_matches_its_source(language):
    po_path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    compiled = polib.mofile(str(po_path.with_suffix(".mo")))
    source = catalogue(language)
    expected = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in source.translated_entries()
    }
    actual = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in compiled
    }
    actual.pop((None, ""), None)
    assert actual == expected, "run `python locale/catalogues.py` to recompile"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_is_translated(language):
    po = catalogue(language)
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


def test_arabic_has_its_six_plural_forms():
    assert "nplurals=6;" in catalogue("ar").metadata["Plural-Forms"]
    with translation.override("ar"):
        forms = {
            translation.ngettext("%(count)d post published.", "%(count)d posts published.", n)
            for n in (0, 1, 2, 3, 11, 100)
        }
    assert len(forms) == 6


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ar", "انتقل إلى المحتوى الرئيسي"), ("fr", "Aller au contenu principal")],
)
def test_known_string_is_translated(language, expected):
    with translation.override(language):
        assert translation.gettext("Skip to main content") == expected


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (CI installs it)")
def test_catalogues_hold_every_string_of_the_code(tmp_path, monkeypatch):
    """makemessages on a copy of the current code finds no string that the catalogues lack."""
    project = Path(settings.BASE_DIR)
    copy = tmp_path / "project"
    skip = shutil.ignore_patterns(".*", "var", "tests", "bench", "media", "*.mo", "__pycache__")
    shutil.copytree(project, copy, ignore=skip)
    # makemessages writes into ./locale: work in the copy so the real catalogues stay untouched.
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=TRANSLATED, no_obsolete=True, verbosity=0)
    for language in TRANSLATED:
        extracted = polib.pofile(str(copy / "locale" / language / "LC_MESSAGES" / "django.po"))
        missing = entries(extracted) - entries(catalogue(language))
        assert not missing, f"{language}: run `make messages` and translate {sorted(missing)[:5]}"

"""The translation catalogues: complete, compiled, and used by the pages."""

import json
import re
import shutil
from pathlib import Path

import django_prose_editor
import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
TRANSLATED = ["ar", "fr"]
# django: the server's strings; djangojs: the admin's scripts (the post editor) through
# Django's JavaScript catalogue.
DOMAINS = ["django", "djangojs"]


def catalogue(language, domain="django"):
    return polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"))


def entries(po):
    return {(entry.msgctxt, entry.msgid, entry.msgid_plural) for entry in po if not entry.obsolete}


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", TRANSLATED)
def test_compiled_catalogue_matches_its_source(language, domain):
    po_path = LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"
    compiled = polib.mofile(str(po_path.with_suffix(".mo")))
    source = catalogue(language, domain)
    expected = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in source.translated_entries()
    }
    actual = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in compiled
    }
    actual.pop((None, ""), None)
    assert actual == expected, "run `python locale/catalogues.py` to recompile"


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_is_translated(language, domain):
    po = catalogue(language, domain)
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
    for domain in DOMAINS:
        call_command(
            "makemessages", locale=TRANSLATED, domain=domain, no_obsolete=True, verbosity=0
        )
        for language in TRANSLATED:
            extracted = polib.pofile(
                str(copy / "locale" / language / "LC_MESSAGES" / f"{domain}.po")
            )
            missing = entries(extracted) - entries(catalogue(language, domain))
            assert not missing, (
                f"{language} {domain}: run `make messages` and translate {sorted(missing)[:5]}"
            )


def editor_strings():
    """What the installed rich-text editor asks `gettext` for, read from its sources."""
    source_map = (
        Path(django_prose_editor.__file__).parent / "static/django_prose_editor/editor.js.map"
    )
    sources = "\n".join(json.loads(source_map.read_text())["sourcesContent"])
    return {
        json.loads(f'"{text}"') for text in re.findall(r'gettext\(\s*"((?:[^"\\]|\\.)*)"', sources)
    }


def test_the_editor_strings_are_found():
    assert {"Cancel", "Update", "Edit Link", "Insert Table"} <= editor_strings()


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_of_the_editor_is_in_our_catalogue(language):
    translated = {entry.msgid for entry in catalogue(language, "djangojs").translated_entries()}
    assert sorted(editor_strings() - translated) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "cancel", "bold"), [("ar", "إلغاء", "غامق"), ("fr", "Annuler", "Gras")]
)
def test_the_admin_scripts_get_our_words(admin_client, language, cancel, bold):
    """The admin's JavaScript catalogue (the editor's gettext) speaks our translations, ours
    before Django's own (whose Arabic "Cancel" is a truncated "ألغ")."""
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    script = admin_client.get("/admin/jsi18n/").content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S)[1])
    assert catalog["Cancel"] == cancel
    assert catalog["Bold"] == bold

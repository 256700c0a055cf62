"""Reading export files: streamed, hardened, and refused in one line when they are hostile or
broken.

Export files are read with defusedxml's iterparse: a document type declaration (the carrier of
entity bombs and external entities) is refused outright, entities and external references too,
and nothing is ever fetched. Each element is cleared and dropped once it has been handled, so
memory stays flat whatever the size of the file.
"""

from xml.etree.ElementTree import ParseError

import defusedxml
import defusedxml.ElementTree as SafeET
from django.utils.translation import gettext as _


class ImportRefused(Exception):
    """The file cannot be imported; the message says why, in one line, and nothing was
    imported."""


def _refusal(error):
    if isinstance(error, defusedxml.DTDForbidden):
        return _(
            "Refused: the file declares a document type (<!DOCTYPE>), which export files never "
            "do and which carries entity bombs and external entities."
        )
    if isinstance(error, defusedxml.EntitiesForbidden):
        return _("Refused: the file declares entities (a possible entity bomb).")
    if isinstance(error, defusedxml.ExternalReferenceForbidden):
        return _("Refused: the file refers to an external resource.")
    line, column = getattr(error, "position", (0, 0))
    problem = str(error).split(":")[0]
    return _(
        "The file is not well-formed XML: %(problem)s at line %(line)s, column %(column)s "
        "(a truncated or damaged file?)."
    ) % {"problem": problem, "line": line, "column": column}


def events(source):
    """(event, element) pairs of `source` ("start-ns" gives (prefix, uri) instead), with the
    hostile and the broken turned into ImportRefused."""
    try:
        yield from SafeET.iterparse(source, events=("start-ns", "start", "end"), forbid_dtd=True)
    except (ParseError, defusedxml.DefusedXmlException) as error:
        raise ImportRefused(_refusal(error)) from error


def children(source, depth):
    """Each complete element `depth` levels below the root (1: the root's children), as
    (root, namespaces, element); the element is cleared and dropped from its parent after the
    caller has handled it. `namespaces` maps the prefixes declared so far to their URIs."""
    namespaces = {}
    stack = []
    for event, item in events(source):
        if event == "start-ns":
            prefix, uri = item
            namespaces.setdefault(prefix, uri)
        elif event == "start":
            stack.append(item)
        else:
            stack.pop()
            if len(stack) == depth:
                yield stack[0], namespaces, item
                item.clear()
                stack[-1].remove(item)
            elif len(stack) < depth and stack:
                # An element above the wanted level is complete: nothing below it is needed.
                item.clear()


def text(element, path, namespaces=None, default=""):
    """The stripped text at `path` under `element`, or `default`."""
    found = element.findtext(path, default=None, namespaces=namespaces)
    return found.strip() if found is not None else default


def root_tag(source):
    """The root element's tag ("{namespace}name"), reading no further than its start."""
    for event, item in events(source):
        if event == "start":
            return item.tag
    raise ImportRefused(_("The file is empty."))

"""A small HTML tree for tests that look at a page's headings, landmarks and focus order."""

from html.parser import HTMLParser

VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
NATIVELY_FOCUSABLE = {"button", "select", "textarea", "iframe", "summary"}


class Element:
    def __init__(self, tag, attrs, parent=None):
        self.tag = tag
        self.attrs = {name: ("" if value is None else value) for name, value in attrs}
        self.parent = parent
        self.children = []

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>"

    def iter(self):
        """This element and every element inside it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag=None, **attrs):
        """Descendants with this tag and these attribute values; `class_` matches one class."""
        wanted_class = attrs.pop("class_", None)
        wanted = {name.replace("_", "-"): value for name, value in attrs.items()}
        return [
            element
            for element in self.iter()
            if (tag is None or element.tag == tag)
            and (wanted_class is None or element.has_class(wanted_class))
            and all(element.attrs.get(name) == value for name, value in wanted.items())
        ]

    def find(self, tag=None, **attrs):
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    def has_class(self, name):
        return name in self.attrs.get("class", "").split()

    @property
    def text(self):
        parts = []
        for child in self.children:
            parts.append(child.text if isinstance(child, Element) else child)
        return " ".join(" ".join(parts).split())

    @property
    def is_focusable(self):
        """Reachable with the Tab key (visible or not: CSS is not applied here)."""
        if "disabled" in self.attrs or self.attrs.get("type") == "hidden":
            return False
        tabindex = self.attrs.get("tabindex")
        if tabindex is not None:
            return int(tabindex) >= 0
        if self.tag in ("a", "area"):
            return "href" in self.attrs
        return self.tag in NATIVELY_FOCUSABLE or self.tag == "input"


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", [])
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in VOID_ELEMENTS:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, attrs, self.current))

    def handle_endtag(self, tag):
        element = self.current
        while element is not self.root and element.tag != tag:
            element = element.parent
        if element is not self.root:
            self.current = element.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html):
    """The document tree of an HTML string or a response."""
    if hasattr(html, "content"):
        html = html.content.decode()
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root

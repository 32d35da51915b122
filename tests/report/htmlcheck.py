"""Is a report page well-formed enough and self-contained? Checked with the stdlib parser."""

from html.parser import HTMLParser

# SVG elements written self-closing (<circle .../>) arrive as start-end tags, not here.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.ids: list[str] = []
        self.links: list[str] = []
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            if name == "id":
                self.ids.append(value)
            if name in ("src", "href", "xlink:href", "action", "data"):
                self.links.append(value or "")
            if name == "style" and value and "url(" in value:
                self.problems.append(f"<{tag}> style loads a url: {value}")
            if name.startswith("on"):
                self.problems.append(f"<{tag}> has an inline event handler {name}")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            if name in ("src", "href", "xlink:href"):
                self.links.append(value or "")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack:
            self.problems.append(f"</{tag}> closes nothing")
            return
        if self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1]}> (open: {self.stack[-5:]})")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def check_page(html: str) -> Checker:
    """Parse ``html`` and assert it is balanced, unique-id, offline and script-free."""
    assert html.startswith("<!DOCTYPE html>")
    c = Checker()
    c.feed(html)
    c.close()
    assert not c.problems, c.problems[:5]
    assert c.stack == [], f"unclosed: {c.stack}"
    assert len(c.ids) == len(set(c.ids)), "duplicate ids"
    for link in c.links:
        assert link.startswith("#"), f"external or file reference: {link!r}"
        assert link[1:] in c.ids, f"anchor {link!r} points nowhere"
    assert not c.tags & {"script", "link", "img", "iframe", "object", "embed"}, c.tags
    css = html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "url(" not in css and "@import" not in css
    return c

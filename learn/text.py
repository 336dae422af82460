"""A lesson's body as HTML, with the reader's own country's care words filled in. Pure: no query.

The body is plain text (so the admin edits words, not markup): a blank line separates paragraphs,
and a paragraph's lines starting with "- " are list items (a line before them is the paragraph's
lead-in). Everything is escaped; then the known placeholders are filled:

- `{emergency_words}`: the care entry's emergency words ("999 (112 works too)"), or in the
  fallback "112, or your local emergency number";
- `{emergency_number}`: the number alone, as a call link;
- `{urgent_words}`: the urgent-but-not-an-emergency words ("NHS 111 (phone or online)").

Any other text in braces is left as it is, so an edit with a typo shows the typo, never an error.
"""

import re

from django.utils.html import format_html, format_html_join

PLACEHOLDER = re.compile(r"\{(emergency_words|emergency_number|urgent_words)\}")


def uses_care_words(body):
    return PLACEHOLDER.search(body) is not None


def _fill(text, care):
    """Escaped `text` with the placeholders replaced by escaped care words."""

    def value(name):
        if name == "emergency_number":
            return format_html(
                '<a class="fw-semibold" href="tel:{}">{}</a>',
                care.emergency_number.replace(" ", ""),
                care.emergency_number,
            )
        return format_html("<strong>{}</strong>", getattr(care, name))

    # split() alternates text and placeholder names: the text is escaped, each name filled.
    pieces = PLACEHOLDER.split(text)
    return format_html_join("", "{}", ((value(piece) if n % 2 else piece,) for n, piece in enumerate(pieces)))


def blocks(body):
    """The body as ("p", text) and ("ul", [items]) blocks, in order."""
    found = []

    def flush(kind, lines):
        if lines:
            found.append((kind, " ".join(lines) if kind == "p" else list(lines)))

    for chunk in re.split(r"\n\s*\n", (body or "").replace("\r\n", "\n").strip()):
        kind, lines = "p", []
        for line in chunk.split("\n"):
            line = line.strip()
            if not line:
                continue
            this = "ul" if line.startswith("- ") else "p"
            if this != kind:
                flush(kind, lines)
                kind, lines = this, []
            lines.append(line[2:].strip() if this == "ul" else line)
        flush(kind, lines)
    return found


def render(body, care):
    """The body as safe HTML: <p> and <ul> blocks, the care words filled in."""
    parts = []
    for kind, content in blocks(body):
        if kind == "p":
            parts.append(format_html("<p>{}</p>", _fill(content, care)))
        else:
            items = format_html_join("", "<li>{}</li>", ((_fill(item, care),) for item in content))
            parts.append(format_html("<ul>{}</ul>", items))
    return format_html_join("\n", "{}", ((part,) for part in parts))


def words(body):
    """How many words a reader sees (placeholders count as one each)."""
    return len(re.findall(r"\S+", body or ""))

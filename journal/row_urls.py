from django.urls import reverse

OPEN = "open-part"  # a value every str and slug converter accepts
# The same for an int converter, which refuses OPEN: a number no other part of our URLs holds.
OPEN_NUMBER = 987654321


def url_format(name, **kwargs):
    """`reverse(name, kwargs=kwargs)` as a str.format string, the argument given as OPEN (OPEN_NUMBER
    for an int part) left as {}.

    For a URL a page repeats per row with one part changing (a day, an exercise): reverse() once a
    page, then `.format(value)` per row. The other parts must not contain braces.
    """
    return reverse(name, kwargs=kwargs).replace(OPEN, "{}").replace(str(OPEN_NUMBER), "{}")

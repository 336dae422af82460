from django.urls import reverse

OPEN = "open-part"  # a value every converter on our routes accepts (str, slug)


def url_format(name, **kwargs):
    """`reverse(name, kwargs=kwargs)` as a str.format string, the argument given as OPEN left as {}.

    For a URL a page repeats per row with one part changing (a day, an exercise): reverse() once a
    page, then `.format(value)` per row. The other parts must not contain braces.
    """
    return reverse(name, kwargs=kwargs).replace(OPEN, "{}")

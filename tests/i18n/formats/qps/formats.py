# The pseudo-language's dates (tests/i18n/pseudo.py): English's order, so a page that names one of
# the project's own formats (DAY_MONTH_FORMAT…) reads in it as in any language with a module.
from backcare.formats.en.formats import *  # noqa: F403

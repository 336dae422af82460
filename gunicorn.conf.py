"""gunicorn settings, read from the environment (see README)."""

import os

from gunicorn.glogging import Logger

from backcare.log_redaction import redact

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Paths that carry a secret are written with it replaced (backcare/log_redaction.py), wherever
# they appear: the request line, the path, the referer of the page's own assets, any header or
# environ atom.


class TokenSafeLogger(Logger):
    """gunicorn's logger, whose access-log atoms never hold a token (log_redaction.TOKEN_PATHS)."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {name: redact(value) if isinstance(value, str) else value for name, value in atoms.items()}


logger_class = TokenSafeLogger


def post_worker_init(worker):
    """Once this worker has loaded the app, what it has built so far lives as long as it does:
    Django, the apps and their modules, the URL patterns (imported here, so every view module is
    in). `gc.freeze()` moves those objects out of the garbage collector's generations, Python's
    documented use for a server's workers, so a full collection walks only what requests have made
    since, not the ~80,000 objects every worker holds from its start. What a request leaves behind
    is collected as before. Measured in docs/architecture.md, "Measuring speed".

    The template engines are made here too: making one imports every template tag library, the
    exercise figures' poses among them (worked out when their module loads, about 0.2 s), which
    the worker's first page would otherwise wait for."""
    import gc

    from django.template import engines
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports every view module before the freeze)
    engines.all()  # every template tag library imported, before the freeze
    gc.collect()  # nothing unreachable is frozen
    gc.freeze()

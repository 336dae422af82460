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

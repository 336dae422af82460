"""The app as `make bench` serves it: each answer's CPU time (the worker's, from the request to
the last byte handed to the socket, the response closed) put where gunicorn's access log reads it
(benchkit.LOG_FORMAT). Only the bench serves this module."""

import time

from backcare.wsgi import application as django_application

CPU_KEY = "bench.cpu_us"


def application(environ, start_response):
    started = time.process_time()
    result = django_application(environ, start_response)
    try:
        yield from result
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
        environ[CPU_KEY] = str(round((time.process_time() - started) * 1_000_000))

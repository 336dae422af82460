from django.conf import settings


def client_ip(request):
    """The client's address, trusting X-Forwarded-For only as far as our own proxies reach.

    Each trusted proxy appends the address it saw, so with N proxies the client is the N-th
    entry from the right; anything left of that may be forged by the client.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")

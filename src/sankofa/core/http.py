"""The client's address, one rule for lock-out (axes), sign-in rate limits (allauth) and API
throttling: behind SANKOFA_TRUSTED_PROXIES proxies, the address that many places from the right
of X-Forwarded-For (what the last trusted proxy saw; whatever the client wrote to the left of it
is ignored), or the header a proxy names in SANKOFA_CLIENT_IP_HEADER; REMOTE_ADDR otherwise (also when that
header is missing: a request that did not come through the proxy)."""

import ipaddress

from django.conf import settings


def _clean(value: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address((value or "").strip().strip("[]")))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    header = settings.SANKOFA_CLIENT_IP_HEADER
    if header and request.headers.get(header):
        return _clean(request.headers.get(header))
    proxies = settings.SANKOFA_TRUSTED_PROXIES
    forwarded = request.headers.get("x-forwarded-for")
    if proxies > 0 and forwarded:
        hops = forwarded.split(",")
        return _clean(hops[-min(proxies, len(hops))])
    return _clean(request.META.get("REMOTE_ADDR"))

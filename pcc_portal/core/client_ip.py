"""The visitor's address, the one key of the sign-in lock-out and of every rate limit.

Behind a reverse proxy (the TLS proxy of a production deployment) every request
comes from the proxy's address; the visitor's is in X-Forwarded-For. Only the
entries the portal's own proxies appended can be believed: anything to their
left was sent by the visitor and may be forged. AXES_IPWARE_PROXY_COUNT (the
AXES_PROXY_COUNT environment variable) says how many proxies are in front;
with none, the header is ignored and the connection's address is the key.
"""

from django.conf import settings
from django.http import HttpRequest
from ipware.ip import get_client_ip


def client_ip(request: HttpRequest) -> str | None:
    """Return the visitor's address as the nearest trusted proxy saw it, else the connection's address.

    None when there is no address at all (a request built in code), as django-axes expects.
    """
    connection_address = request.META.get("REMOTE_ADDR") or None
    proxies = settings.AXES_IPWARE_PROXY_COUNT or 0
    if proxies <= 0:
        return connection_address
    # Each proxy appends the address it was connected from, and the last proxy is the
    # connection itself, so X-Forwarded-For holds the visitor and proxies - 1 proxies
    # after them: ipware's proxy count, counted from the right, however many forged
    # entries the visitor put in front.
    address, _routable = get_client_ip(
        request,
        proxy_count=proxies - 1,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        strict=False,
    )
    return address or connection_address

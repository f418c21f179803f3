"""Signing in: Django's model backend, loading what every signed-in page reads with the user."""

from asgiref.sync import sync_to_async
from django.contrib.auth.backends import ModelBackend

from .selectors import user_for_request


class PortalBackend(ModelBackend):
    """Check passwords as ModelBackend does; read the user with their areas and the apps' per-page values at once.

    Every signed-in page reads the user's force areas (the navigation) and the apps' per-page values
    (the unread notifications in the header): read with the user, they cost no query of their own.
    The user is read afresh on each request, so a change (an area taken away, a notification read)
    shows on the next page.
    """

    def get_user(self, user_id):
        user = user_for_request(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

    async def aget_user(self, user_id):
        return await sync_to_async(self.get_user)(user_id)

from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect

from pcc_portal.core.client_ip import client_ip
from pcc_portal.core.rate_limits import over_limit

RESET_WINDOW = 60 * 60
RESET_LIMIT_PER_ADDRESS = 10  # a shared office connection may send a few
RESET_LIMIT_PER_EMAIL = 3


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset form, with limits so nobody can flood an inbox or probe addresses at speed."""

    def form_valid(self, form):
        address = client_ip(self.request) or "unknown"
        if over_limit(f"accounts:password-reset:ip:{address}", limit=RESET_LIMIT_PER_ADDRESS, window=RESET_WINDOW):
            form.add_error(None, "Too many reset links have been asked for from your connection. Try again in an hour.")
            return self.render_to_response(self.get_context_data(form=form), status=429)
        email = form.cleaned_data["email"].strip().lower()
        if over_limit(f"accounts:password-reset:email:{email}", limit=RESET_LIMIT_PER_EMAIL, window=RESET_WINDOW):
            # Say what is always said, so the limit reveals nothing about the address; send nothing more.
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)

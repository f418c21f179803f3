import factory
from django.utils import timezone

from pcc_portal.deadlines.models import CalendarFeed, ReminderPreference
from tests.accounts.factories import UserFactory


class ReminderPreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReminderPreference

    user = factory.SubFactory(UserFactory)
    delivery = ReminderPreference.Delivery.EACH
    muted_kinds = factory.LazyFunction(list)

    class Params:
        digest = factory.Trait(delivery=ReminderPreference.Delivery.DIGEST)


class CalendarFeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarFeed

    user = factory.SubFactory(UserFactory)

    class Params:
        revoked = factory.Trait(revoked_at=factory.LazyFunction(timezone.now))

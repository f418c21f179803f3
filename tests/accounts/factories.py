import factory

from pcc_portal.accounts.models import ForceArea, Role, User

PASSWORD = "Correct-horse-battery-9"


class ForceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForceArea
        django_get_or_create = ["code"]

    name = factory.Sequence(lambda n: f"Force area {n}")
    code = factory.Sequence(lambda n: f"area-{n}")
    nation = ForceArea.Nation.ENGLAND

    class Params:
        wales = factory.Trait(nation=ForceArea.Nation.WALES)


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a role; `areas=[...]` attaches force areas."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    role = Role.OPCC_STAFF
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    class Params:
        opcc_staff = factory.Trait(role=Role.OPCC_STAFF)
        panel_secretariat = factory.Trait(role=Role.PANEL_SECRETARIAT)
        panel_member = factory.Trait(role=Role.PANEL_MEMBER)
        partner = factory.Trait(role=Role.PARTNER)
        successor_officer = factory.Trait(role=Role.SUCCESSOR_OFFICER)
        administrator = factory.Trait(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        self.save()
        if create and extracted:
            self.force_areas.set(extracted)

"""An imported area's reminders ledger still knows what went out: nobody is reminded twice after an import."""

import datetime

import pytest
from django.core import mail

from pcc_portal.archive.services import area_export, area_import
from pcc_portal.deadlines.models import Reminder
from pcc_portal.deadlines.registry import LONDON
from pcc_portal.deadlines.services import reminders_sweep
from tests.accounts.factories import ForceAreaFactory, UserFactory
from tests.transition.factories import MilestoneFactory, ProgrammeFactory
from transition.models import Milestone

from .conftest import manifest_of

pytestmark = pytest.mark.django_db


def test_a_reminder_sent_before_the_export_is_not_sent_again_after_the_import(tmp_path):
    area = ForceAreaFactory(name="Rutland Test", code="rutland-test")
    UserFactory(opcc_staff=True, areas=[area], email="officer@rutland.example")
    programme = ProgrammeFactory(force_area=area)
    MilestoneFactory(programme=programme, title="Shadow board meets", due_on=datetime.date(2027, 3, 15))
    week_before = datetime.datetime(2027, 3, 8, 9, 5, tzinfo=LONDON)
    reminders_sweep(now=week_before)
    assert [m.subject for m in mail.outbox] == [f"Reminder: Shadow board meets ({programme.name}) (due in 7 days)"]
    old_pk = Milestone.objects.get().pk
    first = area_export(area, tmp_path / "a.zip", with_personal_data=True, pdfs=False)

    area_import(tmp_path / "a.zip", replace=True)  # every record written anew, under new ids
    new_pk = Milestone.objects.get().pk
    assert new_pk != old_pk
    assert Reminder.objects.get().deadline_key == f"transition.milestone:{new_pk}"
    mail.outbox.clear()
    reminders_sweep(now=week_before + datetime.timedelta(hours=1))
    assert mail.outbox == []
    # The ledger's keys are hashed by the records they name, not by their ids: the same manifest again.
    second = area_export(area.__class__.objects.get(code="rutland-test"), tmp_path / "b.zip", with_personal_data=True)
    assert manifest_of(tmp_path / "b.zip")["models"] == first["models"] == second["models"]


def test_proposing_again_after_an_import_adds_no_row_and_the_row_still_names_its_record(tmp_path):
    from panels.models import Complaint
    from tests.panels.factories import PanelFactory
    from tests.plans.factories import PlanVersionFactory
    from transition.models import TransferItem
    from transition.services import register_propose

    area = ForceAreaFactory(name="Rutland Test", code="rutland-test")
    staff = UserFactory(opcc_staff=True, areas=[area], email="officer@rutland.example")
    programme = ProgrammeFactory(force_area=area)
    panel = PanelFactory(force_area=area)
    Complaint.objects.create(panel=panel, received_on=programme.transfer_date, complainant="A", summary="x")
    PlanVersionFactory(plan__force_area=area, issued=True)
    register_propose(programme=programme, user=staff)
    before = sorted(TransferItem.objects.values_list("source_key", flat=True))
    assert any(key.startswith("panels.complaint:") for key in before)
    old_complaint = Complaint.objects.get().pk
    first = area_export(area, tmp_path / "a.zip", with_personal_data=True, pdfs=False)

    area_import(tmp_path / "a.zip", replace=True)  # every record written anew, under new ids
    new_complaint = Complaint.objects.get().pk
    assert new_complaint != old_complaint
    keys = set(TransferItem.objects.values_list("source_key", flat=True))
    assert f"panels.complaint:{new_complaint}" in keys
    assert f"panels.complaint:{old_complaint}" not in keys
    # The source keys are hashed by the records they name: the same manifest again.
    area_export(area.__class__.objects.get(code="rutland-test"), tmp_path / "b.zip", with_personal_data=True)
    assert (
        manifest_of(tmp_path / "b.zip")["models"]["transition.transferitem"]
        == first["models"]["transition.transferitem"]
    )
    from transition.models import TransitionProgramme

    register_propose(programme=TransitionProgramme.objects.get(), user=staff)
    assert TransferItem.objects.count() == len(before)  # nothing proposed twice
    assert TransferItem.objects.filter(source_live=False).count() == 0

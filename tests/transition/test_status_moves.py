"""A register row's status moves by the table next to the field: in the row edit, the bulk change and
the successor's acceptance, with clear form errors, a note for moves back, and no lost updates."""

import itertools

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.accounts.factories import UserFactory
from transition.models import TransferItem, TransferItemStatusChange
from transition.services import item_save

from .factories import TransferItemFactory

pytestmark = pytest.mark.django_db

S = TransferItem.Status

# What a programme manager may do: forward one step; back one step with a note; any open row to close
# with a reason; a closed row reopens with a note. A transferred row never goes straight to close.
FORWARD = {("identified", "agreed"), ("agreed", "ready"), ("ready", "transferred")}
BACK_WITH_NOTE = {("agreed", "identified"), ("ready", "agreed"), ("transferred", "ready"), ("to_close", "identified")}
TO_CLOSE = {("identified", "to_close"), ("agreed", "to_close"), ("ready", "to_close")}


def _row(programme, status, **extra):
    return TransferItemFactory(
        programme=programme,
        to_successor=True,
        status=status,
        close_reason="Ends with the PCC" if status == S.TO_CLOSE else "",
        **extra,
    )


def _edit(client, row, **changes):
    data = {
        "kind": row.kind,
        "title": row.title,
        "receiver_kind": row.receiver_kind,
        "status": row.status,
        "status_was": row.status,
        "close_reason": row.close_reason,
        "notes": row.notes,
        **changes,
    }
    return client.post(reverse("transition:item_edit", kwargs={"pk": row.pk}), data)


@pytest.mark.parametrize("move", list(itertools.permutations(S.values, 2)))
def test_only_the_moves_of_the_table_are_allowed(programme, staff_user, move):
    from_status, to_status = move
    row = _row(programme, from_status)
    row.status, row.close_reason = to_status, "No longer needed" if to_status == S.TO_CLOSE else row.close_reason
    allowed = move in FORWARD | BACK_WITH_NOTE | TO_CLOSE
    try:
        item_save(item=row, user=staff_user, changed_fields=["status"], status_was=from_status, status_note="Why")
    except ValidationError as error:
        assert not allowed, error
        assert "moves one step at a time" in str(error)
    else:
        assert allowed, move
    row.refresh_from_db()
    assert row.status == (to_status if allowed else from_status)


def test_skipping_a_step_is_a_form_error_that_names_the_next_steps_and_saves_nothing(client, staff_user, programme):
    row = _row(programme, S.IDENTIFIED)
    client.force_login(staff_user)
    response = _edit(client, row, status="ready", notes="Changed too")
    assert response.status_code == 200
    page = response.content.decode()
    assert "A row that is Identified can become Agreed or To close, not Ready" in page
    row.refresh_from_db()
    assert row.status == "identified" and row.notes == "" and row.edited_fields == []
    assert not TransferItemStatusChange.objects.exists()


def test_the_edit_form_says_where_the_row_can_go_from_here(client, staff_user, programme):
    row = _row(programme, S.READY)
    client.force_login(staff_user)
    page = client.get(reverse("transition:item_edit", kwargs={"pk": row.pk})).content.decode()
    assert "It is Ready now: it can become Agreed or Transferred or To close." in page


def test_moving_back_a_step_needs_a_note_which_the_rows_history_shows(client, staff_user, programme):
    row = _row(programme, S.READY)
    client.force_login(staff_user)
    response = _edit(client, row, status="agreed")
    assert "Say why the row goes back from Ready to Agreed." in response.content.decode()
    row.refresh_from_db()
    assert row.status == "ready"
    response = _edit(client, row, status="agreed", status_note="The data sharing agreement is not signed")
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == "agreed"
    page = client.get(row.get_absolute_url()).content.decode()
    assert "Ready → Agreed" in page and "The data sharing agreement is not signed" in page


def test_closing_a_row_keeps_its_reason_in_the_history_and_reopening_needs_a_note(client, staff_user, programme):
    row = _row(programme, S.AGREED)
    client.force_login(staff_user)
    assert _edit(client, row, status="to_close", close_reason="The contract ends in March").status_code == 302
    row.refresh_from_db()
    response = _edit(client, row, status="identified")
    assert "Say why the row goes back from To close to Identified." in response.content.decode()
    assert _edit(client, row, status="identified", status_note="Extended to 2029").status_code == 302
    changes = list(row.status_changes.order_by("pk").values_list("from_status", "to_status", "note", "changed_by"))
    assert changes == [
        ("agreed", "to_close", "The contract ends in March", staff_user.pk),
        ("to_close", "identified", "Extended to 2029", staff_user.pk),
    ]


def test_a_row_moved_by_someone_else_meanwhile_is_not_overwritten(client, staff_user, programme):
    row = _row(programme, S.IDENTIFIED)
    client.force_login(staff_user)
    form_page = client.get(reverse("transition:item_edit", kwargs={"pk": row.pk})).content.decode()
    assert 'name="status_was" value="identified"' in form_page
    # A colleague agrees the row while this person has the form open.
    TransferItem.objects.filter(pk=row.pk).update(status=S.AGREED)
    response = _edit(client, row, status="identified", status_was="identified", notes="My note")
    assert "Someone changed this row&#x27;s status to Agreed since you opened it" in response.content.decode()
    row.refresh_from_db()
    assert row.status == "agreed" and row.notes == ""


def test_two_people_making_the_same_move_only_one_succeeds(area, programme, staff_user):
    colleague = UserFactory(opcc_staff=True, areas=[area])
    row = _row(programme, S.AGREED)
    first, second = TransferItem.objects.get(pk=row.pk), TransferItem.objects.get(pk=row.pk)
    first.status = second.status = S.READY
    item_save(item=first, user=staff_user, changed_fields=["status"], status_was="agreed")
    with pytest.raises(ValidationError, match="Someone changed this row's status to Ready"):
        item_save(item=second, user=colleague, changed_fields=["status"], status_was="agreed")
    assert row.status_changes.count() == 1


def _bulk(client, programme, rows, **data):
    return client.post(
        reverse("transition:register_bulk", kwargs={"pk": programme.pk}),
        {"items": [r.pk for r in rows], "confirm": "True", **data},
    )


def _messages(response):
    return " ".join(str(m) for m in response.wsgi_request._messages)


def test_bulk_change_refuses_a_skip_for_any_row_and_changes_none(client, staff_user, programme):
    agreed = _row(programme, S.AGREED, title="Victims' contract")
    identified = _row(programme, S.IDENTIFIED, title="Estates lease")
    client.force_login(staff_user)
    response = _bulk(client, programme, [agreed, identified], status="ready")
    assert "Nothing was changed." in _messages(response)
    assert "“Estates lease”: A row that is Identified can become Agreed or To close, not Ready" in _messages(response)
    assert set(programme.items.values_list("status", flat=True)) == {"agreed", "identified"}
    assert not TransferItemStatusChange.objects.exists()


def test_bulk_move_back_needs_the_reason_and_records_it_for_each_row(client, staff_user, programme):
    rows = [_row(programme, S.READY) for _ in range(2)]
    client.force_login(staff_user)
    assert "Say why the row goes back from Ready to Agreed" in _messages(
        _bulk(client, programme, rows, status="agreed")
    )
    assert set(programme.items.values_list("status", flat=True)) == {"ready"}
    response = _bulk(client, programme, rows, status="agreed", close_reason="Successor's finance system is late")
    assert "2 rows changed." in _messages(response)
    notes = set(TransferItemStatusChange.objects.values_list("from_status", "to_status", "note"))
    assert notes == {("ready", "agreed", "Successor's finance system is late")}


def test_bulk_confirmation_shows_the_new_status_in_words(client, staff_user, programme):
    row = _row(programme, S.IDENTIFIED)
    client.force_login(staff_user)
    response = client.post(
        reverse("transition:register_bulk", kwargs={"pk": programme.pk}), {"items": [row.pk], "status": "agreed"}
    )
    page = response.content.decode()
    assert "Status becomes <strong>Agreed</strong>" in page and f"{row.title} (Identified)" in page


def test_successor_accepts_only_an_agreed_transfer(client, successor_user, programme):
    row = _row(programme, S.IDENTIFIED)
    client.force_login(successor_user)
    assert "Accept for" not in client.get(row.get_absolute_url()).content.decode()
    response = client.post(reverse("transition:item_accept", kwargs={"pk": row.pk}))
    assert "A row is accepted once its transfer is agreed; this one is Identified." in _messages(response)
    row.refresh_from_db()
    assert row.accepted_at is None


def test_successor_cannot_accept_a_row_another_organisation_receives(client, successor_user, programme, other_org):
    row = TransferItemFactory(
        programme=programme, status=S.AGREED, receiver_kind="organisation", receiver_organisation=other_org
    )
    client.force_login(successor_user)
    response = client.post(reverse("transition:item_accept", kwargs={"pk": row.pk}))
    assert "does not go to the successor body" in _messages(response)
    row.refresh_from_db()
    assert row.accepted_at is None


def test_acceptance_lapses_when_the_row_goes_back_before_agreement_or_to_someone_else(
    client, staff_user, successor_user, programme, other_org
):
    row = _row(programme, S.AGREED)
    client.force_login(successor_user)
    client.post(reverse("transition:item_accept", kwargs={"pk": row.pk}))
    row.refresh_from_db()
    assert row.accepted_by == successor_user
    assert row.history.filter(accepted_by=successor_user).exists()  # the acceptance is in the row's history
    client.force_login(staff_user)
    assert _edit(client, row, status="ready").status_code == 302
    row.refresh_from_db()
    assert row.accepted_at is not None  # still the successor's, further on
    _edit(client, row, receiver_kind="organisation", receiver_organisation=other_org.pk)
    row.refresh_from_db()
    assert row.accepted_at is None and row.accepted_by is None
    row.receiver_kind, row.receiver_organisation, row.accepted_at = "successor", None, None
    row.save()
    client.force_login(successor_user)
    client.post(reverse("transition:item_accept", kwargs={"pk": row.pk}))
    client.force_login(staff_user)
    _edit(client, row, status="agreed", status_note="Not ready after all")
    _edit(client, TransferItem.objects.get(pk=row.pk), status="identified", status_note="Terms reopened")
    row.refresh_from_db()
    assert row.status == "identified" and row.accepted_at is None


def test_a_skip_and_a_missing_receiver_are_both_said_at_once(client, staff_user, programme):
    row = TransferItemFactory(programme=programme, title="Estates lease")
    client.force_login(staff_user)
    page = _edit(client, row, status="ready").content.decode()
    assert "A row that is Identified can become Agreed or To close, not Ready" in page
    assert "Name the receiving body before the row is agreed, ready or transferred." in page

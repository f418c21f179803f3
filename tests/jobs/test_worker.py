import pytest

from pcc_portal.jobs.models import Heartbeat
from pcc_portal.jobs.tasks import heartbeat


@pytest.mark.worker
def test_heartbeat_runs_on_a_real_worker_through_redis(celery_worker_thread):
    result = heartbeat.delay("ci-proof")
    assert result.get(timeout=60) == 1
    beat = Heartbeat.objects.get(name="ci-proof")
    assert beat.beats == 1
    assert beat.last_worker not in {"", "in-process"}


def test_heartbeat_runs_in_process_without_a_broker(db):
    assert heartbeat.delay("local").get() == 1
    assert heartbeat.delay("local").get() == 2
    assert Heartbeat.objects.get(name="local").last_worker == "in-process"


def test_beat_schedule_is_declared_in_code(settings):
    from pcc_portal.celery import app

    assert settings.CELERY_BEAT_SCHEDULER == "django_celery_beat.schedulers:DatabaseScheduler"
    assert app.conf.beat_schedule["jobs-heartbeat"]["task"] == "pcc_portal.jobs.tasks.heartbeat"
    assert app.conf.task_serializer == "json"
    assert app.conf.task_time_limit > 0

"""The import started from the admin, run by the tasks worker (`manage.py db_worker`) outside
the request; it writes its progress and summary on the ImportJob row the admin page shows."""

import time

from django.utils import timezone, translation
from django_tasks import task

from .importing import reader_for, run_import
from .models import ImportJob
from .xmlstream import ImportRefused

# Seconds between two progress writes: often enough for the page, rarely enough for the database.
PROGRESS_EVERY = 1.0


@task()
def run_import_job(job_id):
    job = ImportJob.objects.get(pk=job_id)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)
    last = 0.0

    def progress(done, total):
        nonlocal last
        now = time.monotonic()
        if now - last >= PROGRESS_EVERY or done == total:
            last = now
            ImportJob.objects.filter(pk=job.pk).update(done=done, total=total)

    fields = {"finished_at": None}
    try:
        with translation.override(job.language or None):
            report = run_import(reader_for(job.source, job.file.path), progress)
    except ImportRefused as error:
        fields.update(status=ImportJob.Status.FAILED, error=str(error))
    except Exception as error:
        fields.update(status=ImportJob.Status.FAILED, error=f"{type(error).__name__}: {error}")
        raise
    else:
        fields.update(status=ImportJob.Status.DONE, summary=report.as_dict())
    finally:
        fields["finished_at"] = timezone.now()
        ImportJob.objects.filter(pk=job.pk).update(**fields)
        # The export file held the old blog's readers' e-mail addresses: not kept once read.
        job.file.delete(save=False)
        ImportJob.objects.filter(pk=job.pk).update(file="")

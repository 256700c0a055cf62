from django import forms
from django.contrib import admin
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .importing import Report
from .models import ImportJob, OldAddress, may_import
from .tasks import run_import_job


class ImportForm(forms.ModelForm):
    class Meta:
        model = ImportJob
        fields = ["source", "file"]
        help_texts = {
            "source": _(
                "Blogger: the file of Settings › Back up content, or feed.atom from Google "
                "Takeout. WordPress: the file of Tools › Export."
            ),
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xml", ".atom")):
            raise forms.ValidationError(_("Choose an .xml or .atom export file."))
        return upload


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """The Import page: editors upload an export file, a worker imports it, the page follows
    its progress and shows the summary."""

    form = ImportForm
    list_display = ["__str__", "status", "created_at", "started_by", "percent_done"]
    list_filter = ["status", "source"]
    change_form_template = "admin/transfer/importjob/change_form.html"
    readonly_fields = [
        "source",
        "file_name",
        "status",
        "started_by",
        "created_at",
        "finished_at",
        "progress",
        "summary_table",
    ]

    def has_module_permission(self, request):
        return may_import(request.user)

    def has_view_permission(self, request, obj=None):
        return may_import(request.user)

    def has_add_permission(self, request):
        return may_import(request.user)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return may_import(request.user) and (obj is None or obj.is_finished)

    def get_fields(self, request, obj=None):
        return ["source", "file"] if obj is None else self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        obj.started_by = request.user
        obj.file_name = form.cleaned_data["file"].name[:255]
        obj.language = getattr(request, "LANGUAGE_CODE", "")
        super().save_model(request, obj, form, change)
        transaction.on_commit(lambda: run_import_job.enqueue(obj.pk))

    def response_add(self, request, obj, post_url_continue=None):
        """Straight to the import's own page, which follows its progress."""
        return HttpResponseRedirect(reverse("admin:transfer_importjob_change", args=[obj.pk]))

    @admin.display(description=_("progress"))
    def percent_done(self, obj):
        return f"{obj.percent} %"

    @admin.display(description=_("progress"))
    def progress(self, obj):
        return render_to_string("transfer/progress.html", {"job": obj})

    @admin.display(description=_("summary"))
    def summary_table(self, obj):
        report = Report(obj.summary) if obj.summary else None
        return render_to_string("transfer/summary.html", {"job": obj, "report": report})


@admin.register(OldAddress)
class OldAddressAdmin(admin.ModelAdmin):
    """The old blog's addresses and the posts they now lead to (read and delete only)."""

    list_display = ["address", "post", "leads_to"]
    search_fields = ["address", "post__title"]
    list_select_related = ["post"]
    readonly_fields = ["address", "post", "leads_to"]

    def has_module_permission(self, request):
        return may_import(request.user)

    def has_view_permission(self, request, obj=None):
        return may_import(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return may_import(request.user)

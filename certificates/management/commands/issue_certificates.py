from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from certificates import services
from courses.models import Cohort


class Command(BaseCommand):
    help = _(
        "Issue a certificate to every participant who meets their course's criteria, in cohorts that "
        "have started. Safe to run again: nobody gets a second one."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cohort", type=int, help=_("Only this cohort (id)."))
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Say who would receive one, and issue nothing.")
        )

    def handle(self, *args, cohort=None, dry_run=False, **options):
        all_cohorts = Cohort.objects.select_related("course").order_by("starts_on", "pk")
        cohorts: list[Cohort]
        if cohort is not None:
            cohorts = list(all_cohorts.filter(pk=cohort))
            if not cohorts:
                raise CommandError(_("There is no cohort with id %(id)s.") % {"id": cohort})
            if not cohorts[0].has_started:
                raise CommandError(_("The cohort %(name)s has not started yet.") % {"name": cohorts[0].name})
        else:
            cohorts = [c for c in all_cohorts if c.has_started]
        total = 0
        for item in cohorts:
            report = services.certificates_issue_for_cohort(cohort=item, dry_run=dry_run)
            total += report.count
            template = (
                _(
                    "%(cohort)s: %(count)d would be issued, %(already)d already have one, "
                    "%(not_yet)d do not qualify yet."
                )
                if dry_run
                else _(
                    "%(cohort)s: %(count)d issued, %(already)d already had one, "
                    "%(not_yet)d do not qualify yet."
                )
            )
            self.stdout.write(
                template
                % {
                    "cohort": item.name,
                    "count": report.count,
                    "already": report.already,
                    "not_yet": report.not_yet,
                }
            )
            if dry_run:
                for row in report.would_issue:
                    user = row.enrollment.user
                    self.stdout.write(f"  {user.get_username()}")
        message = (
            _("Dry run: %(count)d certificates would be issued.")
            if dry_run
            else _("%(count)d certificates issued.")
        )
        self.stdout.write(self.style.SUCCESS(message % {"count": total}))

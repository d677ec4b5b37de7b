from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from courses.demo.seed import DEMO_PASSWORD
from workspace.demo import seed


class Command(BaseCommand):
    help = _("Load the demo courses, cohorts and people. Safe to run again: nothing is duplicated.")

    def handle(self, *args, **options):
        report = seed()
        for item in report.created:
            self.stdout.write(_("Created %(what)s") % {"what": item})
        self.stdout.write(self.style.SUCCESS(_("Demo data is ready.")))
        self.stdout.write(_("Demo accounts (password for all: %(password)s):") % {"password": DEMO_PASSWORD})
        seen = set()
        for username, role in report.users:
            if username not in seen:
                seen.add(username)
                self.stdout.write(f"  {username:<18} {role}")

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from announcements import services


class Command(BaseCommand):
    help = (
        "Send the scheduled announcements whose time has come (run it every few minutes; safe to run twice)."
    )

    def handle(self, *args, **options):
        result = services.announcements_send_due()
        self.stdout.write(
            _("%(announcements)s announcements sent to %(receipts)s people; %(late_emails)s late e-mails.")
            % result
        )

"""Send the daily digest of watched conversations. Safe to run twice: see forums.emails."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from forums.emails import send_digests


class Command(BaseCommand):
    help = "E-mail each member the new contributions in the conversations they watch (once a day)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Send even if the member's last digest is less than 20 hours old (new contributions only).",
        )

    def handle(self, *args, force: bool = False, **options) -> None:
        result = send_digests(force=force)
        self.stdout.write(
            "Forum digest: {members} members considered, {sent} e-mails sent, "
            "{posts} contributions, {failed} failures.".format(**result)
        )

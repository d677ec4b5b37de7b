from django.db import migrations

FIELDS = ("user_id", "language", "email_immediate", "email_digest", "last_digest_at", "last_digest_post_id")


def copy_to_lms(apps, schema_editor):
    old = apps.get_model("forums", "MemberPreferences")
    new = apps.get_model("lms", "MemberPreferences")
    new.objects.bulk_create(
        [new(**{f: getattr(row, f) for f in FIELDS}) for row in old.objects.all().iterator()], batch_size=1000
    )


def copy_back(apps, schema_editor):
    old = apps.get_model("forums", "MemberPreferences")
    new = apps.get_model("lms", "MemberPreferences")
    old.objects.bulk_create(
        [old(**{f: getattr(row, f) for f in FIELDS}) for row in new.objects.all().iterator()], batch_size=1000
    )


class Migration(migrations.Migration):
    """Member preferences now live in the kernel (lms.MemberPreferences): rows copied, old table dropped."""

    dependencies = [
        ("forums", "0004_memberpreferences"),
        ("lms", "0002_memberpreferences"),
    ]

    operations = [
        migrations.RunPython(copy_to_lms, copy_back),
        migrations.DeleteModel(name="MemberPreferences"),
    ]

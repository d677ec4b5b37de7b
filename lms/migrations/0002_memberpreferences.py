import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """Member preferences move from forums to the kernel (their rows are copied by forums 0005)."""

    dependencies = [
        ("lms", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="MemberPreferences",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("language", models.CharField(blank=True, choices=[("es", "Spanish"), ("en", "English")], max_length=8, verbose_name="language of e-mails")),
                ("email_immediate", models.BooleanField(default=True, verbose_name="e-mail me mentions and replies")),
                ("email_digest", models.BooleanField(default=True, verbose_name="daily digest of watched conversations")),
                ("last_digest_at", models.DateTimeField(blank=True, null=True)),
                ("last_digest_post_id", models.PositiveBigIntegerField(default=0)),
                ("user", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="member_preferences", to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "verbose_name": "member preferences",
                "verbose_name_plural": "member preferences",
            },
        ),
    ]

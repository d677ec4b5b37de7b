from django import template

register = template.Library()


@register.inclusion_tag("certificates/includes/learning_status.html", takes_context=True)
def certificate_status(context, certificates, enrollment):
    """A participant's certificate (download) or what is left for it; `certificates` from the view."""
    return {
        "request": context.get("request"),
        "eligibility": (certificates or {}).get(enrollment.pk),
    }

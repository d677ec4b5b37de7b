import uuid

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """Look a key up in a dict from a template: {{ reflections|get_item:block.id }}."""
    if not mapping:
        return None
    return mapping.get(key)


@register.simple_tag
def client_token() -> str:
    """A fresh id for a form, so that submitting it twice stores it once."""
    return str(uuid.uuid4())

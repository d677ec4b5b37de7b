"""Object-level scoping for Wagtail admin viewsets.

Wagtail's generic views check a model-wide permission; this also asks the viewset's permission
policy about the one object a view is for (edit, delete, copy, history, usage…), so a facilitator
cannot open another cohort's objects by changing the id in the URL.
"""

from __future__ import annotations

import functools

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied

OBJECT_ACTIONS = ["view", "change", "delete"]


class ScopedObjectsViewSetMixin:
    def construct_view(self, view_class, **kwargs):
        view = super().construct_view(view_class, **kwargs)

        @functools.wraps(view)
        def scoped(request, *args, **view_kwargs):
            pk = view_kwargs.get("pk")
            if pk is not None:
                obj = self.model._default_manager.filter(pk=unquote(str(pk))).first()
                if obj is not None and not self.permission_policy.user_has_any_permission_for_instance(
                    request.user, OBJECT_ACTIONS, obj
                ):
                    raise PermissionDenied
            return view(request, *args, **view_kwargs)

        return scoped

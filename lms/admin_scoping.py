"""Object-level scoping for Wagtail admin viewsets.

Wagtail's generic views check a model-wide permission; this also asks the viewset's permission
policy about the one object a view is for (edit, delete, copy, history, usage…), so a facilitator
cannot open another cohort's objects by changing the id in the URL.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase

if TYPE_CHECKING:
    # The mixin goes before Wagtail's SnippetViewSet, which gives it model, permission_policy and
    # construct_view (Wagtail ships no type information, so this base is Any to the type checker).
    from wagtail.snippets.views.snippets import SnippetViewSet as _ViewSetBase
else:
    _ViewSetBase = object

OBJECT_ACTIONS = ["view", "change", "delete"]


class ScopedObjectsViewSetMixin(_ViewSetBase):
    def construct_view(self, view_class: type, **kwargs: Any) -> Callable[..., HttpResponseBase]:
        view = super().construct_view(view_class, **kwargs)

        @functools.wraps(view)
        def scoped(request: HttpRequest, *args: Any, **view_kwargs: Any) -> HttpResponseBase:
            pk = view_kwargs.get("pk")
            if pk is not None:
                obj = self.model._default_manager.filter(pk=unquote(str(pk))).first()
                if obj is not None and not self.permission_policy.user_has_any_permission_for_instance(
                    request.user, OBJECT_ACTIONS, obj
                ):
                    raise PermissionDenied
            return view(request, *args, **view_kwargs)

        return scoped

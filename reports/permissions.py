"""Who may read and export reports: staff status alone is not enough.

* ``reports.view_report`` (Django's model permission) reads the staff list, the staff map,
  the hotspot staff APIs and a hexagon's reports;
* ``reports.export_report`` (a custom permission on ``Report``) is needed as well for every
  download and background export: a whole filtered list, possibly with contact data, leaves
  the system.

A staff user holding neither gets 403 on every staff route; a signed-in non-staff user is
sent to the admin sign-in (pages) or refused with 403 (APIs), as is an anonymous visitor.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

VIEW_REPORTS = "reports.view_report"
EXPORT_REPORTS = "reports.export_report"

View = Callable[..., HttpResponse]


# A signed-in user or ``AnonymousUser``: both answer ``is_staff`` and ``has_perm``.
User = AbstractUser | AnonymousUser


def can_view(user: User) -> bool:
    return bool(user.is_staff and user.has_perm(VIEW_REPORTS))


def can_export(user: User) -> bool:
    return can_view(user) and user.has_perm(EXPORT_REPORTS)


class CanViewReports(BasePermission):
    message = "You need the permission to view reports (reports.view_report)."

    def has_permission(self, request: Request, view: object) -> bool:
        return can_view(request.user)


class CanExportReports(BasePermission):
    message = "You need the permission to export reports (reports.export_report)."

    def has_permission(self, request: Request, view: object) -> bool:
        return can_export(request.user)


def _requires(check: Callable[[User], bool], perm: str) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if not check(request.user):
                raise PermissionDenied(f"You need the permission {perm}.")
            return view(request, *args, **kwargs)

        # Not signed in as staff: the admin sign-in page first (302), as before.
        return staff_member_required(wrapped)

    return decorator


staff_view_required = _requires(can_view, VIEW_REPORTS)
staff_export_required = _requires(can_export, EXPORT_REPORTS)

"""Thin API views: validate with a serializer, call one service or selector, shape the output."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reports.clients import client_scope
from reports.models import Report, Source
from reports.serializers import (
    ReportCreatedSerializer,
    ReportStatusSerializer,
    ReportSubmitSerializer,
)
from reports.services.idempotency import (
    IdempotencyConflict,
    IdempotencyKeyError,
    idempotent_call,
)
from reports.services.intake import report_submit
from reports.throttling import ReportSubmitThrottle


def status_url(request: Request, report: Report) -> str:
    return request.build_absolute_uri(reverse("api-report-status", args=[report.status_token]))


class ReportCreateApi(APIView):
    """Anyone files a report, no account needed: 201 with its reference and a private status
    URL. Unknown fields are refused; retry safely with an ``Idempotency-Key``."""

    permission_classes = [AllowAny]
    authentication_classes: list = []  # anonymous filing; no session, so no CSRF to trip on
    throttle_classes = [ReportSubmitThrottle]

    @extend_schema(
        operation_id="reports_create",
        request=ReportSubmitSerializer,
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                str,
                OpenApiParameter.HEADER,
                description="Retry safely: the same client sending the same key and body "
                "gets the first response again; keys are private to each client",
            )
        ],
        responses={
            201: ReportCreatedSerializer,
            400: OpenApiResponse(description="Field errors, keyed by field name"),
            409: OpenApiResponse(description="Same key still in progress"),
            422: OpenApiResponse(description="Same key, different body"),
            429: OpenApiResponse(description="Too many reports from this client"),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = ReportSubmitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)

        def create() -> tuple[int, dict]:
            report = report_submit(
                data=serializer.to_report_data(),
                source=Source.API,
                client_address=request.META.get("REMOTE_ADDR"),
            )
            body = {
                "reference": report.reference,
                "status": report.status,
                "status_url": status_url(request, report),
            }
            return status.HTTP_201_CREATED, body

        try:
            result = idempotent_call(
                key=request.headers.get("Idempotency-Key"),
                scope=client_scope(request),
                body=request.data,
                create=create,
            )
        except IdempotencyKeyError as exc:
            return Response({"Idempotency-Key": [str(exc)]}, status=status.HTTP_400_BAD_REQUEST)
        except IdempotencyConflict as exc:
            return Response({"detail": str(exc)}, status=exc.status)
        response = Response(result.body, status=result.status)
        if result.replayed:
            response["Idempotent-Replayed"] = "true"
        return response


class ReportStatusApi(APIView):
    """Status for whoever holds the private link; shows no private data."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(operation_id="reports_status", responses={200: ReportStatusSerializer})
    def get(self, request: Request, token: str) -> Response:
        report = get_object_or_404(Report.objects.prefetch_related("events"), status_token=token)
        return Response(ReportStatusSerializer(report).data)

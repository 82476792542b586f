"""Structured logs: one JSON object a line, each with the request's id.

The id comes from nginx (`X-Request-ID`, deploy/nginx.conf), which sets one or passes on
the client's; without nginx the app makes one. `RequestIdMiddleware` (advisor/ops/observe.py)
keeps it for the request's thread, every Django log line carries it as `request_id`, the
response returns it in `X-Request-ID`, and gunicorn's access log (`GunicornLogger`, used by
deploy/gunicorn.conf.py) writes it too, so one id finds a request in all three logs.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

from gunicorn.glogging import Logger

HEADER = "X-Request-ID"
request_id: ContextVar[str] = ContextVar("request_id", default="")
# An id passed on by nginx or a client is kept only when it looks like one.
VALID_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")
STANDARD = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {
    "message",
    "asctime",
    "request_id",
}


_make_record = logging.getLogRecordFactory()


def _record_with_id(*args, **kwargs) -> logging.LogRecord:
    """Every log record made while a request is served carries its id, whichever handler
    formats it later."""
    record = _make_record(*args, **kwargs)
    record.request_id = request_id.get()
    return record


def install() -> None:
    """Stamp log records with the request id (called once, when the app is ready)."""
    if logging.getLogRecordFactory() is not _record_with_id:
        logging.setLogRecordFactory(_record_with_id)


def forget_request_id(**kwargs) -> None:
    """When Django has finished with a request (its own 4xx/5xx lines written)."""
    request_id.set("")


def request_id_from(value: str | None) -> str:
    """The id nginx (or a client) sent, if it is a sane one; else a new one."""
    if value and VALID_ID.fullmatch(value):
        return value
    return uuid.uuid4().hex


def _stamp(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="milliseconds")


class JsonFormatter(logging.Formatter):
    """A log record as one line of JSON: time, level, logger, message, request_id, and any
    `extra={...}` fields the call gave (view, status, duration_ms, queries…)."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": _stamp(record.created),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "") or request_id.get(),
        }
        for key, value in record.__dict__.items():
            if key not in STANDARD:
                line[key] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


class GunicornLogger(Logger):
    """gunicorn's logs as JSON lines: its access log with the request id (the one nginx
    sent, else the one the app made and returned), its error log through JsonFormatter."""

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.setFormatter(JsonFormatter())

    def access(self, resp, req, environ, request_time):
        if not (self.cfg.accesslog or self.cfg.logconfig or self.cfg.syslog):
            return
        sent = dict((name.lower(), value) for name, value in resp.headers)
        line = {
            "remote": environ.get("REMOTE_ADDR", ""),
            "method": environ.get("REQUEST_METHOD", ""),
            "path": environ.get("PATH_INFO", ""),
            "status": resp.status_code if hasattr(resp, "status_code") else resp.status,
            "bytes": getattr(resp, "sent", 0),
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
            "user_agent": environ.get("HTTP_USER_AGENT", ""),
        }
        token = request_id.set(sent.get("x-request-id") or environ.get("HTTP_X_REQUEST_ID", ""))
        try:
            self.access_log.info("access", extra=line)
        except Exception:  # a log line must never cost a response
            self.exception("could not write the access log")
        finally:
            request_id.reset(token)


def sentry_init(dsn: str, environment: str) -> None:
    """Errors to Sentry (or any service that takes its SDK); sentry-sdk is imported only
    when a DSN is set (pip install sentry-sdk). Never founders' personal data."""
    try:
        import sentry_sdk
    except ImportError as missing:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "SENTRY_DSN is set: install sentry-sdk (pip install sentry-sdk)"
        ) from missing
    sentry_sdk.init(dsn=dsn, environment=environment, send_default_pii=False, traces_sample_rate=0)

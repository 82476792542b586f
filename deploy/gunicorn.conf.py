"""gunicorn for Hiring Advisor, behind the proxy in deploy/nginx.conf.

Used by the Dockerfile, `make run` and `make faults`; command-line options override it
(`--bind`, `--workers`). Threaded workers: a worker tells its master it is alive between
requests and during them, so a long streamed CSV export is not cut at `timeout` as it was
with sync workers, and one slow request does not hold the whole worker. Slow clients
never reach gunicorn: nginx reads each request whole before passing it on.
"""

import os
import shutil
import tempfile

from advisor.ops.logs import GunicornLogger

bind = os.environ.get("BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("THREADS", "4"))
# A worker that stops answering its master for this long is replaced.
timeout = 30
graceful_timeout = 20
# Longer than nginx keeps an idle connection to gunicorn (keepalive_timeout in the
# upstream block), so nginx, not gunicorn, closes it: never a request on a closed socket.
keepalive = 10
# The workers' heartbeat files on a memory filesystem where there is one: a full disk
# must not stop a worker from telling its master it is alive.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
accesslog = "-"
# Access and error log lines as JSON, the access line with the request id (advisor/ops/logs.py).
logger_class = GunicornLogger

# Prometheus metrics from every worker, added up at each scrape (advisor/ops/metrics.py):
# each worker writes its figures under this directory, emptied when gunicorn starts.
METRICS_DIR = os.environ.setdefault(
    "PROMETHEUS_MULTIPROC_DIR",
    os.path.join(tempfile.gettempdir(), f"advisor-metrics-{os.getpid()}"),
)


def on_starting(server):
    shutil.rmtree(METRICS_DIR, ignore_errors=True)
    os.makedirs(METRICS_DIR, exist_ok=True)


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    shutil.rmtree(METRICS_DIR, ignore_errors=True)

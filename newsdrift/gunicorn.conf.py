"""gunicorn settings for newsdrift: `gunicorn -c newsdrift/gunicorn.conf.py newsdrift.wsgi`.

Every value can be changed from the environment (docs/DEPLOY.md lists them), so the
same file serves `make serve`, the web benchmark and a production server.
"""

from __future__ import annotations

import gc
import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _bool(name: str) -> bool:
    # As newsdrift/settings.py reads it (env_bool), so both read one switch the same way.
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


# Where to listen. Behind a proxy on the same host keep the loopback address; a proxy
# on another host needs the private address, and then only that proxy may reach it.
bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")]

# The views are CPU-bound Python with short database queries: sync workers, one per
# request, about two per core. More workers than that only queue on the same cores.
workers = _int("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 8))
threads = _int("GUNICORN_THREADS", 1)

# A report PDF of a very long comparison is the slowest request; anything that takes
# longer than this is stuck, and the worker is replaced.
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)

# Replace a worker now and then so that a slow leak can never grow without bound; the
# jitter keeps the workers from restarting all at once.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)

# Forwarded headers are believed only behind the TLS proxy (BEHIND_TLS_PROXY=1, the same
# switch as Django's SECURE_PROXY_SSL_HEADER), and then only X-Forwarded-Proto, the one
# header the proxy sets itself (docs/DEPLOY.md), and only from the proxy's addresses.
# gunicorn's defaults believe three such headers from 127.0.0.1 whatever the settings:
# without a proxy, any local client could claim HTTPS (and got HSTS and secure cookies),
# and behind nginx a client could add an X-Forwarded-Ssl of its own, which nginx passes on.
if _bool("BEHIND_TLS_PROXY"):
    forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
    secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}
else:
    forwarded_allow_ips = ""
    secure_scheme_headers = {}

# Access log on standard output, with the request time in milliseconds (%(M)s) and the
# worker's pid, so that slow requests can be found in the log without a profiler.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%({x-forwarded-for}i)s" %(t)s "%(r)s" %(s)s %(B)s %(M)sms %(p)s "%(a)s"'

# gunicorn's control socket defaults to one path per user ($HOME/.gunicorn/gunicorn.ctl),
# which two servers on one host (a second instance, or `make serve` beside the
# benchmark) would both claim. Off unless a path is given.
_control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "").strip()
if _control_socket:
    control_socket = _control_socket
else:
    control_socket_disable = True

# In a container whose /tmp is an overlay disk, the workers' heartbeat files belong in
# memory instead (GUNICORN_WORKER_TMP_DIR=/dev/shm), or a slow disk stalls the workers.
worker_tmp_dir = os.environ.get("GUNICORN_WORKER_TMP_DIR") or None

proc_name = "newsdrift"

# After these requests a worker hands everything it holds to the garbage collector's
# permanent generation: Django, the URL patterns, the compiled templates and the
# caches the first requests filled. Without it every full collection, which a view's
# few thousand new objects set off every other request or so, walked those hundreds of
# thousands of objects again: about 3 ms of CPU a request, 15% of a step view's (issue
# 18, docs/PERFORMANCE.md). What the later requests allocate is still collected; what
# is frozen lives as long as the worker, which `max_requests` bounds.
GC_FREEZE_AFTER = (1, 10, 100)


def post_request(worker, req, environ=None, resp=None) -> None:
    if worker.nr in GC_FREEZE_AFTER and _bool_default("GUNICORN_GC_FREEZE", True):
        gc.collect()  # the garbage of the requests so far, not to be kept for ever
        gc.freeze()


def _bool_default(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    return default if not value else value in ("1", "true", "yes", "on")

# Hiring Advisor: gunicorn serving the app, static files built in, running as a non-root user.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
RUN useradd --create-home --uid 10001 advisor
# What WeasyPrint renders result PDFs with: Pango, HarfBuzz and a font.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext \
    && rm -rf /var/lib/apt/lists/*

COPY pyproject.toml constraints.txt README.md ./
COPY advisor/ advisor/
RUN pip install -c constraints.txt .

COPY manage.py ./
COPY templates/ templates/
COPY locale/ locale/
COPY static/ static/
COPY fixtures/ fixtures/
COPY deploy/ deploy/
# collectstatic needs a key only to import settings; the real one comes at run time.
RUN SECRET_KEY=build-only python manage.py collectstatic --noinput -v0 \
    && SECRET_KEY=build-only python manage.py compilemessages -v0

# Large exports are written here by the job worker (a volume shared with the app in compose).
RUN mkdir exports && chown advisor exports
# Result PDFs, each rendered once and kept here (PDF_DIR): a cache, so each container its own.
RUN mkdir -p var/pdfs && chown -R advisor var
USER advisor
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import urllib.request, sys; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4); sys.exit(0)"
# Threaded workers and their limits in deploy/gunicorn.conf.py; WORKERS and THREADS from
# the environment. Meant to run behind the proxy in deploy/nginx.conf (see compose.yaml).
CMD ["gunicorn", "advisor.wsgi", "-c", "deploy/gunicorn.conf.py"]

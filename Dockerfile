# syntax=docker/dockerfile:1
#
# Procella server image. Stages: workspace manifests, dependency install,
# dashboard build, production dependencies, and a slim runtime that runs as
# an unprivileged user. Configure the container with PROCELLA_* variables
# only (docs/operations.md lists them); AWS_* credentials for S3 are read
# by the AWS SDK.
#
#   docker build -t procella .
#   docker run -p 9090:9090 -v procella-data:/var/lib/procella procella

# Keep in step with the Bun version the tests run on.
ARG BUN_VERSION=1.4.5

# Every package.json plus bun.lock, so the install layers stay cached until
# a manifest changes.
FROM oven/bun:${BUN_VERSION} AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests \
 && cp bun.lock /manifests/ \
 && find . -name package.json -not -path "*/node_modules/*" -exec cp --parents {} /manifests/ \;

FROM oven/bun:${BUN_VERSION} AS install
WORKDIR /app
COPY --from=manifests /manifests/ ./
RUN bun install --frozen-lockfile

# The dashboard (apps/ui) builds into apps/ui/dist; a failing build fails the image build.
FROM install AS ui
COPY . .
RUN bun run build:ui

FROM oven/bun:${BUN_VERSION} AS production-dependencies
WORKDIR /app
COPY --from=manifests /manifests/ ./
RUN bun install --frozen-lockfile --production

FROM oven/bun:${BUN_VERSION}-slim AS runtime
WORKDIR /app
RUN groupadd --system --gid 10001 procella \
 && useradd --system --uid 10001 --gid procella --home-dir /var/lib/procella --no-create-home \
      --shell /usr/sbin/nologin procella \
 && mkdir -p /var/lib/procella \
 && chown procella:procella /var/lib/procella

# Workspace node_modules hold relative links into /app/node_modules, so the
# sources are copied into the same tree.
COPY --from=production-dependencies /app/ ./
COPY package.json bun.lock tsconfig.json ./
COPY packages ./packages
COPY api ./api
COPY apps/server ./apps/server
COPY deploy/healthcheck.ts ./deploy/healthcheck.ts
COPY --from=ui /app/apps/ui/dist ./apps/ui/dist

ENV PROCELLA_LISTEN_ADDR=:9090 \
    PROCELLA_DATA_DIR=/var/lib/procella \
    PROCELLA_UI_DIR=/app/apps/ui/dist

USER procella:procella
EXPOSE 9090

# /healthz answers 200 only while the database and blob storage answer.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bun", "deploy/healthcheck.ts"]

# SIGTERM drains in-flight requests for up to PROCELLA_SHUTDOWN_TIMEOUT_SECONDS
# (default 30); give the container longer than that to stop.
STOPSIGNAL SIGTERM
CMD ["bun", "apps/server/src/main.ts"]

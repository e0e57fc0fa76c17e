# Backlot's image: `backlot serve` on Node 24 as a non-root user, under tini.
#   docker build -t backlot .
#   docker run -p 3000:3000 -v backlot-data:/data -e JWT_SECRET="$(openssl rand -base64 48)" backlot
# BASE must be glibc: better-sqlite3 and argon2 ship glibc prebuilt binaries (no compiler needed). CI builds this
# file on a local bookworm with the same Node (scripts/base-image.sh) by passing --build-arg BASE=….
ARG BASE=node:24-bookworm-slim

# The dependencies, from the lockfile alone (the project's own set-up without the console): these layers are built
# again only when package.json, package-lock.json or the set-up script change, not on every change of the sources.
FROM ${BASE} AS dependencies
WORKDIR /app
# Behind a proxy that re-signs TLS, point this at its CA bundle (mounted into the build with -v); never in the image.
ARG NODE_EXTRA_CA_CERTS
ENV npm_config_update_notifier=false
COPY package.json package-lock.json ./
COPY scripts/setup.sh scripts/
RUN --mount=type=cache,target=/root/.npm,sharing=locked sh scripts/setup.sh --no-console

# Only what runs: no development dependencies, no second Node. (A stage's ARGs are its own: declared again.)
FROM dependencies AS runtime-dependencies
ARG NODE_EXTRA_CA_CERTS
RUN --mount=type=cache,target=/root/.npm,sharing=locked npm prune --omit=dev --omit=optional --no-audit --no-fund

# The console, built from the sources.
FROM dependencies AS console
COPY . .
RUN npm run build:web

# The sources as they run (the set-up scripts are not part of it).
FROM ${BASE} AS sources
WORKDIR /app
COPY . .
RUN rm -rf scripts

FROM ${BASE}
# tini is PID 1: it forwards SIGTERM to Node (which then drains its requests) and reaps zombies, under any runtime
# (docker run --init, ECS initProcessEnabled and Kubernetes have no common switch for it).
RUN if ! command -v tini >/dev/null; then \
      apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*; \
    fi \
 && mkdir -p /data && chown 1000:1000 /data
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_URL=sqlite:/data/backlot.db
WORKDIR /app
# The code belongs to root and is read-only for the user that runs it. What changes least goes first.
COPY --from=runtime-dependencies /app/node_modules node_modules
COPY --from=sources /app ./
COPY --from=console /app/web/dist web/dist
# The SQLite file (and anything else written) lives on this volume; PostgreSQL or MySQL deployments ignore it.
VOLUME /data
USER 1000:1000
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["tini", "--", "node", "bin/backlot.js"]
CMD ["serve"]

# syntax=docker/dockerfile:1
# The production image: the API by default; the worker and the CLI from the same image
#   docker run … xingji-link node dist/apps/worker/src/main.js
#   docker run … xingji-link node dist/apps/cli/src/main.js verify
# Compiled JavaScript and production dependencies only (README "Docker"). Built and run on public
# CI (.github/workflows/production-stack.yml); this project's machines have no Docker engine.
ARG NODE_IMAGE=node:20-bookworm-slim

# Build: every dependency (the build needs typescript and ts-node), then only the production ones.
FROM ${NODE_IMAGE} AS build
# better-sqlite3 compiles from source where no prebuilt binary can be fetched.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY libs ./libs
COPY apps ./apps
# dist/ with its library stubs (dist/node_modules/@xj): @xj/* resolves without tsconfig-paths; and the
# workbench (apps/web → dist/web, built by Vite), which the API serves at /.
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# Runtime: the same base image (better-sqlite3's compiled addon matches it), no compiler, no sources.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/data \
    PORT=3000
WORKDIR /app
# Owned by root, read-only to the user that runs them; only DATA_DIR is the node user's.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# Ready, not merely alive (README "Limits and shutdown"): the store reads and writes, no breach.
# Node's own fetch: the slim image has no curl.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/ready').then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"]
# node as PID 1 gets SIGTERM from `docker stop`: the API and the worker shut down gracefully on it.
CMD ["node", "dist/apps/api/src/main.js"]

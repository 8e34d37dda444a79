# syntax=docker/dockerfile:1
#
# One image for every Channel Graph process; the command picks which one runs:
#   node dist/gateway/main.js                 gateway            :4000
#   node gateway/hive-gateway.mjs             Hive Gateway instead (same configuration and protections)
#   node dist/subgraphs/partners/main.js      partners subgraph  :4001
#   node dist/subgraphs/programs/main.js      programs subgraph  :4002
#   node dist/subgraphs/licences/main.js      licences subgraph  :4003
#   node dist/subgraphs/customers/main.js     customers subgraph :4004
#   node dist/scripts/migrate.js              one-off: create databases, apply migrations
#   node dist/scripts/seed.js --scale demo    one-off: demo data (an already filled store is left alone)
#   node dist/stack/main.js                   default: the whole stack in one process (SQLite, seeded)
# Configuration comes from the environment (common/config.ts; README, "Configuration").

# Production runs Node 24, the current LTS (supported to April 2028); Node 20's support ended in April
# 2026. package.json's "engines" states the versions supported in production; CI also runs the tests on
# the build machine's Node 20, which keeps the code free of version-specific behaviour.
ARG NODE_IMAGE=node:24-bookworm-slim

# --- toolchain: node-gyp needs python3, make and g++ when better-sqlite3 has no prebuilt binary
FROM ${NODE_IMAGE} AS toolchain
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./

# --- build: all dependencies, TypeScript -> dist/, the schema composed from the code -> schema/supergraph.graphql
FROM toolchain AS build
# Install scripts must run (better-sqlite3 is a native addon): no --ignore-scripts.
RUN npm ci --no-audit --no-fund
# Sources only: .dockerignore keeps out node_modules, dist, tests and *.spec.ts.
COPY . .
RUN npm run build

# --- prod-deps: production dependencies only, native addon built for this image's Node
FROM toolchain AS prod-deps
RUN npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force

# --- runtime
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0
WORKDIR /app
# package.json marks the project root: common/paths.ts looks for it above dist/ to find schema/.
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The gateway runs from the supergraph the build composed from the code (no introspection of subgraphs at start-up).
COPY --from=build /app/schema/supergraph.graphql ./schema/supergraph.graphql
# The dashboard at / (static files, the operations it sends) and the persisted-query manifest.
COPY schema/operations ./schema/operations
COPY dashboard ./dashboard
COPY client/persisted-queries.json ./client/persisted-queries.json
# Hive Gateway as the gateway tier instead of ours: command ["node", "gateway/hive-gateway.mjs"] (README).
COPY gateway/hive-gateway.mjs ./gateway/hive-gateway.mjs
# SQLITE_DIR defaults to ./data: writable by the unprivileged user for the SQLite quick start.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 4000 4001 4002 4003 4004
# Exec form: node is PID 1 and receives SIGTERM, which every entry point handles (graceful stop).
CMD ["node", "dist/stack/main.js"]

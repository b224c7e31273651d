# syntax=docker/dockerfile:1

# Build stage: compiles the native modules (argon2, sqlite3) and the TypeScript sources.
FROM node:20-bookworm-slim AS build
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json mikro-orm.config.ts ./
COPY src ./src
COPY migrations ./migrations
COPY bench ./bench
COPY templates ./templates
RUN npm run build && npm prune --omit=dev

# Runtime stage: compiled code and production dependencies only, run as the non-root user node.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=8000 \
    DATABASE_URL=sqlite:/app/data/npp.sqlite
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/templates ./templates
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 8000
VOLUME ["/app/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8000)+(process.env.ROOT_PATH||'')+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Add `--import /path/to/workbook.xlsx` to import a workbook at start.
ENTRYPOINT ["node", "dist/src/main.js"]

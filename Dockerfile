# syntax=docker/dockerfile:1
# goarch: one image for `npm start` (server) and `node dist/worker.js` (worker).
# No native dependencies: builds for linux/amd64 and linux/arm64 alike
# (docker buildx build --platform linux/amd64,linux/arm64 .).

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build before the sources are copied.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
# The build bundles the CLI and writes dist/rule-cache.json from the rule files.
COPY rules ./rules
RUN npm run build

FROM node:20-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY rules ./rules
COPY app.yml ./
USER node
EXPOSE 3000
# No curl in slim images: node's fetch checks /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/server.js"]

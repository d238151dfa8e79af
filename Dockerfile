# One image for every app; APP picks which one runs (gateway, menu-service, ...).
# Stages: deps (all packages) -> build (Nx builds every app) -> prod-deps -> runtime.

FROM node:20-bookworm-slim AS deps
WORKDIR /repo
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
RUN npx nx run-many -t build -p gateway menu-service order-service kitchen-service billing-service --outputStyle=static

FROM node:20-bookworm-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /repo/dist/apps ./dist/apps
USER node
ARG APP=gateway
ENV APP=${APP}
CMD ["sh", "-c", "exec node --enable-source-maps dist/apps/${APP}/main.js"]

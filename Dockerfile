# Cairn: the API and the built client in one image. Node 26 is the Active LTS line in December 2026.
FROM node:26-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Build with every package, then keep only the runtime ones (vite, typescript, react … go).
RUN npm run build && npm prune --omit=dev

FROM node:26-bookworm-slim
WORKDIR /app
# CAIRN_DATA_DIR: the embedded database when DATABASE_URL is unset; owned by `node`, who runs Cairn.
ENV NODE_ENV=production PORT=3000 CAIRN_DATA_DIR=/data
RUN mkdir -p /data && chown node:node /data
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:3000/api/v1/health/ready').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "dist/server/index.js"]

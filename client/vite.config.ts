import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const clientRoot = fileURLToPath(new URL('.', import.meta.url));
const sharedRoot = fileURLToPath(new URL('../shared', import.meta.url));

/** The web client: built into dist/client at the repository root, which the API server serves. */
export default defineConfig({
  root: clientRoot,
  plugins: [react()],
  resolve: {
    alias: { '@shared': sharedRoot },
  },
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: process.env.CAIRN_API_URL ?? 'http://localhost:3000', changeOrigin: false },
    },
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
  },
});

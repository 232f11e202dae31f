import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The remote console is served by the orchestrator at `/console/`. In development
 * (`vite` in this folder) the API and socket.io are proxied to a local orchestrator.
 */
const ORCHESTRATOR = 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      '/api': { target: ORCHESTRATOR, changeOrigin: true },
      '/socket.io': { target: ORCHESTRATOR, ws: true, changeOrigin: true },
    },
  },
});

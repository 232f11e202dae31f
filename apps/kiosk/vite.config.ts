import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** Kiosk renderer: served by the orchestrator at /kiosk/ (also loaded by the Electron shell). */
export default defineConfig({
  base: '/kiosk/',
  plugins: [react()],
  build: { outDir: 'dist/renderer', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: {
      '/socket.io': { target: 'http://127.0.0.1:8080', ws: true },
    },
  },
});

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
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Vendor chunks change less often than the app: better caching for an all-day app.
        codeSplitting: {
          groups: [
            // chart.js is only used by the fleet screen's lazily loaded battery chart.
            { name: 'chart', test: /node_modules[\\/](chart\.js|react-chartjs-2|@kurkle)[\\/]/, priority: 15 },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|i18next|react-i18next)[\\/]/, priority: 20 },
            { name: 'media', test: /node_modules[\\/](mediasoup-client|socket\.io-client|engine\.io-client|socket\.io-parser|@socket\.io|sdp-transform|h264-profile-level-id|awaitqueue)[\\/]/, priority: 10 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 0 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: ORCHESTRATOR, changeOrigin: true },
      '/socket.io': { target: ORCHESTRATOR, ws: true, changeOrigin: true },
    },
  },
});

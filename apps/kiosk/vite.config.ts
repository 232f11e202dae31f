import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const require = createRequire(import.meta.url);

/**
 * Files hands-free speech input loads at run time, by fixed name, from `<base>vad/`: the Silero
 * VAD model and audio worklet shipped in `@ricky0123/vad-web`, and the ONNX Runtime Web
 * WebAssembly it runs on. Served from this app, never from a CDN (kiosks may have no internet).
 */
function vadAssetFiles(): string[] {
  const vadDist = dirname(require.resolve('@ricky0123/vad-web'));
  const ortDist = dirname(createRequire(join(vadDist, 'index.js')).resolve('onnxruntime-web/wasm'));
  return [
    join(vadDist, 'vad.worklet.bundle.min.js'),
    join(vadDist, 'silero_vad_v5.onnx'),
    join(ortDist, 'ort-wasm-simd-threaded.mjs'),
    join(ortDist, 'ort-wasm-simd-threaded.wasm'),
  ];
}

/** Emits the VAD files into the build under `vad/` and serves them in development. */
function vadAssets(): Plugin {
  const files = vadAssetFiles();
  const types: Record<string, string> = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.onnx': 'application/octet-stream' };
  return {
    name: 'telekiosk-vad-assets',
    generateBundle() {
      for (const f of files) this.emitFile({ type: 'asset', fileName: `vad/${basename(f)}`, source: readFileSync(f) });
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const name = /\/vad\/([\w.-]+)$/.exec(req.url?.split('?')[0] ?? '')?.[1];
        const file = name && files.find((f) => basename(f) === name);
        if (!file) return next();
        res.setHeader('Content-Type', types[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream');
        res.end(readFileSync(file));
      });
    },
  };
}

/** Kiosk renderer: served by the orchestrator at /kiosk/ (also loaded by the Electron shell). */
export default defineConfig({
  base: '/kiosk/',
  plugins: [react(), vadAssets()],
  build: { outDir: 'dist/renderer', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: {
      '/socket.io': { target: 'http://127.0.0.1:8080', ws: true },
    },
  },
});

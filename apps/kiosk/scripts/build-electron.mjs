#!/usr/bin/env node
/**
 * Bundles the kiosk's Electron main process and preload with esbuild:
 *
 *   src/main/main.ts       -> dist/main/main.cjs        (package.json "main")
 *   src/preload/preload.ts -> dist/preload/preload.cjs  (loaded by main.cjs from ../preload/)
 *
 * CommonJS for Node (Electron's main process and its sandboxed preload loader),
 * `electron` left external, everything else (zod, the shared bridge module) bundled.
 * Run from anywhere: `node apps/kiosk/scripts/build-electron.mjs`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** esbuild options shared by both bundles. */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  external: ['electron'],
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'info',
  absWorkingDir: appDir,
};

const targets = [
  // Electron 45 embeds Node 22 (main) and Chromium 140 (preload).
  { entryPoints: ['src/main/main.ts'], outfile: 'dist/main/main.cjs', target: 'node22' },
  { entryPoints: ['src/preload/preload.ts'], outfile: 'dist/preload/preload.cjs', target: 'chrome130' },
];

try {
  await Promise.all(targets.map((options) => build({ ...common, ...options })));
} catch {
  // esbuild has already printed the errors.
  process.exitCode = 1;
}

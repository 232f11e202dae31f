import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Non-test TypeScript sources of the shell (main, preload, common). */
function shellSources(): string[] {
  return ['main', 'preload', 'common'].flatMap((dir) =>
    readdirSync(path.join(srcDir, dir))
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
      .map((name) => `${dir}/${name}`),
  );
}

describe('module boundaries', () => {
  it('only main.ts and preload.ts import electron, so everything else is testable without the binary', () => {
    const importers = shellSources().filter((file) => /from\s+['"]electron['"]|require\(\s*['"]electron['"]\s*\)/.test(readFileSync(path.join(srcDir, file), 'utf8')));
    expect(importers.sort()).toEqual(['main/main.ts', 'preload/preload.ts']);
  });

  it('the preload exposes one global and never hands out ipcRenderer', () => {
    const preload = readFileSync(path.join(srcDir, 'preload/preload.ts'), 'utf8');
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*[,)]/);
    expect(preload).not.toMatch(/ipcRenderer\.(on|send|sendSync|postMessage)\b/);
  });

  it('the preload does not pull zod (or anything but electron) into its bundle', () => {
    const preloadSide = ['preload/preload.ts', 'preload/bridge.ts', 'common/channels.ts'].map((file) => readFileSync(path.join(srcDir, file), 'utf8'));
    for (const source of preloadSide) {
      for (const match of source.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms)) {
        const [, isType, specifier] = match;
        if (isType) continue;
        expect(['electron', '../common/channels.ts', './bridge.ts']).toContain(specifier);
      }
    }
  });

  it('the shell never uses shell.openExternal, eval, or file:// loading', () => {
    for (const file of shellSources()) {
      const source = readFileSync(path.join(srcDir, file), 'utf8');
      expect(source, file).not.toMatch(/openExternal\(|\beval\(|new Function\(|loadFile\(/);
    }
  });
});

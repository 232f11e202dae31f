import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '@telekiosk/shared';
import { resources } from '../i18n.ts';

type Tree = { [k: string]: string | Tree };

/** Flattened `key.path -> text`, with i18next plural suffixes kept. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(path, v);
    else for (const [p, s] of flatten(v, path)) out.set(p, s);
  }
  return out;
}
const folded = (keys: Iterable<string>) => new Set([...keys].map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')));

/**
 * Texts that may read the same as English: words the languages share. Everything else equal to
 * the English text counts as untranslated.
 */
const SAME_AS_ENGLISH: Record<string, string[]> = {
  fr: ['chat.transcript', 'call.messages'],
};

const catalogs = Object.fromEntries(Object.entries(resources).map(([l, r]) => [l, r.translation as unknown as Tree]));
const en = flatten(catalogs.en!);

describe('kiosk locale catalogs', () => {
  it('has a catalog for each of the 8 languages, and nothing else', () => {
    expect(Object.keys(catalogs).sort()).toEqual([...LANGUAGES].sort());
    const files = readdirSync(import.meta.dirname).filter((f) => f.endsWith('.json')).map((f) => f.replace('.json', ''));
    expect(files.sort()).toEqual([...LANGUAGES].sort());
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has exactly the keys of en, each translated', (lng) => {
    const mine = flatten(catalogs[lng]!);
    expect([...folded(en.keys())].filter((k) => !folded(mine.keys()).has(k)), 'missing').toEqual([]);
    expect([...folded(mine.keys())].filter((k) => !folded(en.keys()).has(k)), 'extra').toEqual([]);
    const allowed = new Set(SAME_AS_ENGLISH[lng] ?? []);
    const same = [...mine].filter(([k, v]) => en.get(k) === v && !allowed.has(k)).map(([k]) => k);
    expect(same, 'left in English').toEqual([]);
    expect([...mine].filter(([, v]) => !v.trim()).map(([k]) => k), 'empty').toEqual([]);
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s keeps every {{placeholder}} of en', (lng) => {
    const mine = flatten(catalogs[lng]!);
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [k, v] of en) if (mine.has(k)) expect(vars(mine.get(k)!), `${lng}: ${k}`).toEqual(vars(v));
  });

  it('every key the renderer uses exists in en', () => {
    const root = join(import.meta.dirname, '..');
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name));
        else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts')) sources.push(readFileSync(join(dir, e.name), 'utf8'));
      }
    };
    walk(root);
    const used = new Set<string>();
    for (const src of sources) for (const m of src.matchAll(/\bt\(\s*'([a-zA-Z]+(?:\.[a-zA-Z]+)+|[a-zA-Z]+)'/g)) used.add(m[1]!);
    // Keys chosen in code and translated later (`errorKey: 'status.tryLater'`, `t(a ? 'x.y' : 'x.z')`):
    // any quoted 'group.key' whose group is one of the catalog's groups.
    const groups = new Set(Object.entries(catalogs.en!).filter(([, v]) => typeof v !== 'string').map(([k]) => k));
    for (const src of sources) for (const m of src.matchAll(/'([a-zA-Z]+)((?:\.[a-zA-Z]+)+)'/g)) if (groups.has(m[1]!)) used.add(m[1]! + m[2]!);
    expect(used.has('status.tryLater'), 'the overload message is found in the client').toBe(true);
    const keys = folded(en.keys());
    expect([...used].filter((k) => !keys.has(k)), 'used but missing').toEqual([]);
  });
});

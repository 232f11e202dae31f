import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { informativeness, visitorWordStats } from './visitorWords.ts';

describe('visitor word statistics (the knowledge-base search prior)', () => {
  it('reads the bundled corpus: common words say little, rare topic words say everything', () => {
    const en = visitorWordStats('en');
    expect(en.lines).toBeGreaterThan(1000);
    expect(informativeness(en, 'said')).toBeLessThan(0.7);
    expect(informativeness(en, 'weather')).toBeGreaterThan(informativeness(en, 'said') + 0.1);
    expect(informativeness(en, 'zzzunseenword')).toBe(1);
    const ja = visitorWordStats('ja');
    expect(informativeness(ja, '言')).toBeLessThan(informativeness(ja, '天気'));
  });

  it('counts lines per language, skips comments and office nouns, and names a malformed line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'visitor-words-'));
    writeFileSync(join(dir, 'en.tsv'), '# header\nnone\troutine\tmy friend said the hall is open\nnone\troutine\tshe said hi\nnone\tnoun\tpassport office\n');
    writeFileSync(join(dir, 'en.more.tsv'), 'none\tframe\twhere is {} please\n');
    const stats = visitorWordStats('en', dir);
    expect(stats.lines).toBe(3);
    expect(stats.df.get('said')).toBe(2);
    expect(stats.df.has('passport')).toBe(false);
    expect(informativeness(stats, 'said')).toBeLessThan(informativeness(stats, 'hall'));
    expect(visitorWordStats('de', dir)).toEqual({ lines: 0, df: new Map() });
    expect(informativeness(visitorWordStats('de', dir), 'said')).toBe(1);
    writeFileSync(join(dir, 'fr.tsv'), 'none\tseulement deux colonnes\n');
    expect(() => visitorWordStats('fr', dir)).toThrow(/fr\.tsv:1: expected labels<TAB>tag<TAB>text/);
  });
});

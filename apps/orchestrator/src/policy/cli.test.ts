/** `scripts/intake-classify.ts` run as a real child process (`node --import tsx`), fed JSON Lines on stdin. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_PATH } from './policySchema.ts';

const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
const CLI = join(ROOT, 'scripts/intake-classify.ts');
const tmp = mkdtempSync(join(tmpdir(), 'classify-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function classify(input: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; lines: any[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (err += String(d)));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, lines: out.split('\n').filter(Boolean).map((l) => JSON.parse(l)), stderr: err }));
    child.stdin.end(input);
  });
}

const line = (obj: unknown) => JSON.stringify(obj);

describe('npm run intake:classify', () => {
  it('classifies good lines, reports bad ones with their line number and field, and keeps going', { timeout: 60_000 }, async () => {
    const input = [
      line({ id: 'person-fr', turns: [{ role: 'visitor', text: 'Je voudrais parler à un conseiller' }] }),
      '{"id": "broken", "turns": [',
      line({ id: 'bad-role', turns: [{ role: 'robot', text: 'hi' }] }),
      '',
      line({ id: 'ordinary', turns: [{ role: 'visitor', text: 'Where is the restroom?' }], language: 'en' }),
      line({ id: 'fire-ja', turns: [{ role: 'visitor', text: '火事です！' }], language: 'ja' }),
      line({ turns: [{ role: 'visitor', text: 'no id' }] }),
      line({ id: 'two-misses', language: 'en-GB', turns: [{ role: 'visitor', text: 'Where can I renew my passport?' }, { role: 'assistant', text: 'Sorry, I am not sure.' }, { role: 'visitor', text: 'What is the weather tomorrow?' }] }),
      line({ id: 'bad-lang', turns: [{ role: 'visitor', text: 'hola' }], language: 'xx' }),
    ].join('\n');
    const { code, lines, stderr } = await classify(`${input}\n`);
    expect(code, stderr).toBe(0);
    expect(lines).toHaveLength(8);
    expect(lines[0]).toEqual({ id: 'person-fr', escalate: true, reasons: ['explicit_request'], priority: 3, language: 'fr', confidence: 0.95 });
    expect(lines[1]).toEqual({ line: 2, error: expect.stringMatching(/^invalid JSON: /) });
    expect(lines[2]).toEqual({ line: 3, error: expect.stringMatching(/^turns\.0\.role: /) });
    expect(lines[3]).toMatchObject({ id: 'ordinary', escalate: false, reasons: [], priority: 9, language: 'en' });
    expect(lines[4]).toMatchObject({ id: 'fire-ja', escalate: true, reasons: ['safety'], priority: 0, language: 'ja' });
    expect(lines[5]).toEqual({ line: 7, error: 'id: is required (expected string)' });
    expect(lines[6]).toMatchObject({ id: 'two-misses', escalate: true, reasons: ['out_of_scope'], language: 'en' });
    expect(lines[7]).toEqual({ line: 9, error: expect.stringMatching(/^language: must be one of en, ja, es, zh, ko, fr, de, pt/) });
    for (const l of lines.filter((x) => 'id' in x)) expect(Object.keys(l)).toEqual(['id', 'escalate', 'reasons', 'priority', 'language', 'confidence']);
  });

  it('uses the policy given with --policy or ESCALATION_POLICY, and exits 2 on an invalid one', async () => {
    const raw = JSON.parse(readFileSync(DEFAULT_POLICY_PATH, 'utf8'));
    raw.enabledReasons = raw.enabledReasons.filter((r: string) => r !== 'explicit_request');
    const file = join(tmp, 'no-explicit.json');
    writeFileSync(file, JSON.stringify(raw));
    const input = `${line({ id: 'x', turns: [{ role: 'visitor', text: 'I want to talk to a person' }], language: 'en' })}\n`;
    expect((await classify(input, ['--policy', file])).lines[0]).toMatchObject({ escalate: false, reasons: [] });
    expect((await classify(input, [], { ESCALATION_POLICY: file })).lines[0]).toMatchObject({ escalate: false });
    expect((await classify(input)).lines[0]).toMatchObject({ escalate: true, reasons: ['explicit_request'] });

    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...raw, thresholds: { ...raw.thresholds, negativeSentiment: 2 } }));
    const run = await classify(input, ['--policy', bad]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('thresholds.negativeSentiment: must be between 0 and 1');
  }, 120_000); // four real CLI processes (about 1.5 s each unloaded)
});

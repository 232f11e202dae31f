import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReasonCode } from '@telekiosk/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_PATH, defaultPolicy, loadPolicy, parsePolicy, PolicyError, type Policy } from './policySchema.ts';

const raw = () => JSON.parse(readFileSync(DEFAULT_POLICY_PATH, 'utf8')) as Record<string, any>;
const tmp = mkdtempSync(join(tmpdir(), 'policy-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The PolicyError thrown by parsePolicy(edit(default file)). */
function errorFor(edit: (p: Record<string, any>) => void): PolicyError {
  const p = raw();
  edit(p);
  try {
    parsePolicy(p);
  } catch (err) {
    expect(err).toBeInstanceOf(PolicyError);
    return err as PolicyError;
  }
  throw new Error('expected a PolicyError');
}

describe('default escalation-policy.json', () => {
  it('validates, enables every reason code and keeps safety at priority 0 with staff alerts', () => {
    const p: Policy = defaultPolicy();
    expect(new Set(p.enabledReasons)).toEqual(new Set(ReasonCode.options));
    expect(p.priorities.safety).toBe(0);
    for (const code of ReasonCode.options) if (code !== 'safety') expect(p.priorities[code]).toBeGreaterThan(0);
    for (const c of ['emergency', 'threat', 'injury'] as const) expect(p.safety[c]).toMatchObject({ enabled: true, alertStaff: true });
    expect(Object.keys(p.sensitiveTopics).sort()).toEqual(
      ['account_access', 'billing_dispute', 'cancellation', 'complaint', 'financial', 'legal', 'medical'],
    );
    expect(p.thresholds.negativeSentiment).toBeGreaterThan(0);
  });

  it('loadPolicy reads a file and parsePolicy accepts JSON text', () => {
    expect(loadPolicy(DEFAULT_POLICY_PATH)).toEqual(defaultPolicy());
    expect(parsePolicy(readFileSync(DEFAULT_POLICY_PATH, 'utf8'))).toEqual(defaultPolicy());
  });
});

describe('policy validation errors name the field', () => {
  const cases: [string, (p: Record<string, any>) => void, string][] = [
    ['threshold out of range', (p) => (p.thresholds.negativeSentiment = 1.5), 'thresholds.negativeSentiment: must be between 0 and 1'],
    ['negative confidence threshold', (p) => (p.thresholds.lowConfidence = -0.1), 'thresholds.lowConfidence: must be between 0 and 1'],
    ['non-integer count', (p) => (p.thresholds.repeatedFailures = 2.5), 'thresholds.repeatedFailures: must be a whole number'],
    ['zero turns', (p) => (p.thresholds.maxVisitorTurns = 0), 'thresholds.maxVisitorTurns: must be at least 1'],
    ['missing field', (p) => delete p.thresholds.intakeTimeoutMs, 'thresholds.intakeTimeoutMs: is required'],
    ['misspelt field', (p) => (p.thresholds.negativeSentimen = 0.4), 'thresholds.negativeSentimen: unknown field'],
    ['unknown reason code', (p) => p.enabledReasons.push('bored'), 'enabledReasons.11: Invalid option'],
    ['duplicate reason code', (p) => p.enabledReasons.push('safety'), 'enabledReasons.11: duplicate entry "safety"'],
    ['safety not first', (p) => (p.priorities.safety = 2), 'priorities.safety: must be 0'],
    ['another reason at 0', (p) => (p.priorities.explicit_request = 0), 'priorities.explicit_request: must be at least 1'],
    ['priority too large', (p) => (p.priorities.out_of_scope = 12), 'priorities.out_of_scope: must be between 0 and 9'],
    ['bad department id', (p) => (p.sensitiveTopics.legal.department = 'Legal Affairs'), 'sensitiveTopics.legal.department: must be a kebab-case department id'],
    ['missing topic', (p) => delete p.sensitiveTopics.medical, 'sensitiveTopics.medical: is required'],
    ['alertStaff not boolean', (p) => (p.safety.threat.alertStaff = 'yes'), 'safety.threat.alertStaff:'],
    ['unknown vulnerable cue', (p) => (p.vulnerableVisitor.cues = ['vision', 'tall']), 'vulnerableVisitor.cues.1: Invalid option'],
    ['unknown language in extraPhrases', (p) => (p.extraPhrases = { xx: { explicit_request: ['hi'] } }), 'extraPhrases.xx: unknown field'],
    ['phrase that matches anything', (p) => (p.extraPhrases = { fr: { explicit_request: ['ok', 'aide?'] } }), 'extraPhrases.fr.explicit_request.1: invalid phrase'],
    ['empty topic phrase', (p) => (p.sensitiveTopics.legal.extraPhrases = { de: ['  '] }), 'sensitiveTopics.legal.extraPhrases.de.0: must not be empty'],
    ['wrong version', (p) => (p.version = 2), 'version: Invalid input: expected 1'],
  ];
  it.each(cases)('%s', (_name, edit, message) => {
    const err = errorFor(edit);
    expect(err.message).toContain(message);
    expect(err.issues.map((i) => `${i.path}: ${i.message}`).join('\n')).toContain(message.split(':')[0]);
  });

  it('rejects invalid JSON and unreadable files with a clear message', () => {
    expect(() => parsePolicy('{"version": 1,')).toThrow(/not valid JSON/);
    expect(() => loadPolicy(join(tmp, 'missing.json'))).toThrow(/Cannot read policy .*missing\.json/);
    const file = join(tmp, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...raw(), defaultLanguage: 'xx' }));
    expect(() => loadPolicy(file)).toThrow(`Invalid policy ${file}: defaultLanguage: Invalid option`);
  });

  it('accepts extra phrases in any language, written plainly or with the pattern syntax', () => {
    const p = raw();
    p.extraPhrases = { fr: { explicit_request: ['un guichetier'] }, ja: { restricted_action: ['住所 * 書き換え'] } };
    p.sensitiveTopics.legal.extraPhrases = { de: ['Mietrecht|Mieterschutz'] };
    expect(() => parsePolicy(p)).not.toThrow();
  });
});

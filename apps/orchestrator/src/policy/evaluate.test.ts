import { readFileSync } from 'node:fs';
import type { Language } from '@telekiosk/shared';
import { describe, expect, it } from 'vitest';
import { evaluateTurn, urgencyForPriority, type IntakeAnswer, type PolicyInput, type PolicyTurn } from './evaluate.ts';
import { DEFAULT_POLICY_PATH, defaultPolicy, parsePolicy, type Policy } from './policySchema.ts';

const policy = defaultPolicy();
const v = (text: string, extra: Partial<PolicyTurn> = {}): PolicyTurn => ({ role: 'visitor', text, ...extra });
const a = (text = 'Here is the answer.'): PolicyTurn => ({ role: 'assistant', text });
const judge = (text: string, language: Language = 'en', p: Policy = policy) => evaluateTurn(p, { turns: [v(text)], language });
const codes = (input: PolicyInput, p: Policy = policy) => evaluateTurn(p, input).reasons.map((r) => r.code);
const withPolicy = (edit: (p: any) => void): Policy => {
  const raw = JSON.parse(readFileSync(DEFAULT_POLICY_PATH, 'utf8'));
  edit(raw);
  return parsePolicy(raw);
};
const unknown: IntakeAnswer = { intent: 'unknown', confidence: 0.8, escalation: null };
const answered: IntakeAnswer = { intent: 'kb:tax-certificates', confidence: 0.92, escalation: null, department: 'tax' };

describe('every category fires, with its flag and department (en)', () => {
  const cases: [string, string, string][] = [
    ['billing_dispute', 'There is a wrong charge on my tax bill', 'sensitive_topic'],
    ['complaint', 'I want to file a complaint about the clerk at counter 2', 'sensitive_topic'],
    ['cancellation', 'I need to cancel my contract', 'sensitive_topic'],
    ['account_access', "I can't log in to my account", 'sensitive_topic'],
    ['legal', 'My lawyer told me to come here', 'sensitive_topic'],
    ['medical', 'I need to see a doctor', 'sensitive_topic'],
    ['financial', "I can't afford to pay my taxes, I'm in debt", 'sensitive_topic'],
    ['emergency', 'There is a fire on the second floor', 'safety'],
    ['threat', 'A man is threatening me with a knife', 'safety'],
    ['injury', 'My mother fell down the stairs and is bleeding', 'safety'],
    ['vision', "I'm blind, can someone read this for me", 'vulnerable_visitor'],
    ['hearing', "I'm deaf", 'vulnerable_visitor'],
    ['mobility', "I'm in a wheelchair and can't reach the counter", 'vulnerable_visitor'],
    ['lost', "I'm lost", 'vulnerable_visitor'],
    ['child', "I can't find my son", 'vulnerable_visitor'],
    ['elderly', "I'm 87 years old and this machine is too hard", 'vulnerable_visitor'],
    ['disability', 'My husband has dementia', 'vulnerable_visitor'],
    ['literacy', "I can't read or write", 'vulnerable_visitor'],
    ['fee_waiver', 'Please waive the late fee', 'policy_exception'],
    ['deadline_extension', 'I missed the deadline, can you extend it?', 'policy_exception'],
    ['rule_exception', 'Can you make an exception for me?', 'policy_exception'],
    ['discount', 'Can I get a discount on the fee?', 'policy_exception'],
    ['refund', 'I want my money back', 'restricted_action'],
    ['record_change', 'My date of birth is wrong in my record, please correct it', 'restricted_action'],
    ['data_deletion', 'Delete my personal data', 'restricted_action'],
    ['payment', 'Here is my credit card number', 'restricted_action'],
  ];
  it.each(cases)('%s: %s', (category, text, code) => {
    const d = judge(text);
    expect(d.reasons.map((r) => r.code)).toContain(code);
    expect(d.flags.some((f) => f.endsWith(`:${category}`))).toBe(true);
    if (code === 'sensitive_topic' && d.reasons[0]!.code === 'sensitive_topic') {
      expect(d.skills.department).toBe(policy.sensitiveTopics[category as 'legal'].department);
    }
  });
});

describe('identity verification is a deployment choice', () => {
  it('off by default: asking whether a family member may apply for you is routine', () => {
    expect(judge('I have a power of attorney for my father, what do I bring?').reasons.map((r) => r.code)).not.toContain('restricted_action');
    expect(judge('可以请家人代办吗', 'zh').reasons.map((r) => r.code)).not.toContain('restricted_action');
  });
  it('a deployment that lists the cue escalates acting for someone else as a restricted action', () => {
    const strict = withPolicy((p) => p.restrictedAction.cues.push('identity_verification'));
    const d = judge('I have a power of attorney for my father', 'en', strict);
    expect(d.reasons.map((r) => r.code)).toContain('restricted_action');
    expect(d.flags.some((f) => f.endsWith(':identity_verification'))).toBe(true);
  });
});

describe('priority, urgency and staff alerts', () => {
  it('several reasons fire together; priority is the minimum and reasons are most urgent first', () => {
    const d = judge("This is ridiculous! I was charged twice and I want to talk to a manager now");
    expect(d.reasons.map((r) => r.code)).toEqual(['negative_sentiment', 'sensitive_topic', 'explicit_request']);
    expect(d.priority).toBe(2);
    expect(d.urgency).toBe('high');
    expect(d.alertStaff).toBe(false);
    expect(d.skills.department).toBe('cashier');
  });

  it('safety outranks everything and alerts staff', () => {
    const d = judge('Call an ambulance, someone collapsed! I need a person now');
    expect(d.reasons[0]!.code).toBe('safety');
    expect(d).toMatchObject({ priority: 0, urgency: 'critical', alertStaff: true, skills: { department: 'security' } });
  });

  it('a safety category without alertStaff is still priority 0 and critical, but raises no alert', () => {
    const p = withPolicy((raw) => (raw.safety.injury.alertStaff = false));
    const d = judge('I slipped and broke my wrist', 'en', p);
    expect(d).toMatchObject({ escalate: true, priority: 0, urgency: 'critical', alertStaff: false });
    expect(d.flags).not.toContain('alert_staff');
  });

  it('maps priorities to urgency', () => {
    expect([0, 1, 2, 3, 5, 6, 9].map((p) => urgencyForPriority(p))).toEqual(['critical', 'high', 'high', 'normal', 'normal', 'low', 'low']);
    expect(urgencyForPriority(4, true)).toBe('critical');
  });

  it('copies the entry id into every reason and uses the intake article department when no reason names one', () => {
    const id = '6f1c1d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f';
    const d = evaluateTurn(policy, { turns: [v('How much is a tax certificate?', { intake: answered }), a(), v('Can I talk to a staff member?', { entryId: id })], language: 'en', intake: answered });
    expect(d.reasons).toEqual([expect.objectContaining({ code: 'explicit_request', entryId: id })]);
    expect(d.skills.department).toBe('tax');
  });
});

describe('policy file controls the decision', () => {
  it('a disabled reason does not escalate but is flagged', () => {
    const p = withPolicy((raw) => (raw.enabledReasons = raw.enabledReasons.filter((r: string) => r !== 'explicit_request')));
    const d = judge('I want to speak to a person', 'en', p);
    expect(d.escalate).toBe(false);
    expect(d.flags).toContain('disabled:explicit_request');
  });

  it('a disabled topic category does not fire', () => {
    const p = withPolicy((raw) => (raw.sensitiveTopics.legal.enabled = false));
    expect(judge('I need a lawyer', 'en', p).escalate).toBe(false);
    expect(judge('I need a lawyer').escalate).toBe(true);
  });

  it("a city's own phrases work in any language without code changes", () => {
    const p = withPolicy((raw) => {
      raw.extraPhrases = { fr: { explicit_request: ['un guichetier'], out_of_scope: ['passeport|visa'] }, ja: { negative_sentiment: ['話にならない'] } };
      raw.sensitiveTopics.legal.extraPhrases = { de: ['Mietrecht|Mieterschutz'] };
      raw.safety.threat.extraPhrases = { en: ['active shooter'] };
    });
    const d1 = judge('Je cherche un guichetier', 'fr', p);
    expect(d1.reasons[0]).toMatchObject({ code: 'explicit_request', evidence: expect.stringContaining('policy phrase') });
    expect(judge('Je voudrais renouveler mon passeport', 'fr', p).reasons.map((r) => r.code)).toEqual(['out_of_scope']);
    expect(judge('本当に話にならない', 'ja', p).reasons.map((r) => r.code)).toEqual(['negative_sentiment']);
    expect(judge('Ich habe eine Frage zum Mietrecht', 'de', p).flags).toContain('sensitive:legal');
    expect(judge('There is an active shooter outside', 'en', p)).toMatchObject({ priority: 0, alertStaff: true });
    expect(judge('Je cherche un guichetier', 'fr').escalate).toBe(false);
  });

  it('thresholds come from the file', () => {
    // The lexicon's sentiment threshold alone (the classifier would add frustration by itself).
    const strict = withPolicy((raw) => (raw.thresholds.negativeSentiment = 0.3));
    const rules = (p: Policy) => evaluateTurn(p, { turns: [v('This is so frustrating')], language: 'en', classifier: null });
    expect(rules(policy).escalate).toBe(false);
    expect(rules(strict).reasons.map((r) => r.code)).toEqual(['negative_sentiment']);
    const eager = withPolicy((raw) => (raw.thresholds.unansweredTurns = 1));
    expect(codes({ turns: [v('Where can I renew my passport?')], language: 'en', intake: unknown }, eager)).toEqual(['out_of_scope']);
  });
});

describe('intake_timeout', () => {
  const max = policy.thresholds.intakeTimeoutMs;
  it('fires at the time limit, not before; times default to the turns', () => {
    expect(codes({ turns: [v('Where is the restroom?')], language: 'en', sessionStartedAt: 0, now: max - 1 })).toEqual([]);
    expect(codes({ turns: [v('Where is the restroom?')], language: 'en', sessionStartedAt: 0, now: max })).toEqual(['intake_timeout']);
    expect(codes({ turns: [v('Hello', { at: 5_000 }), a(), v('Where is the restroom?', { at: 5_000 + max + 1 })], language: 'en' })).toEqual(['intake_timeout']);
  });

  it('fires on the visitor turn that reaches the maximum, not before', () => {
    const topics = ['garbage days', 'office hours', 'parking fees', 'seal registration', 'moving in', 'tax certificates', 'free wifi', 'child benefits', 'pension payments', 'marriage registration', 'lost property', 'restroom location'];
    const turns = (n: number) => Array.from({ length: n }, (_, i) => [v(`Tell me about ${topics[i]}`, { intake: answered }), a(`Answer ${i}`)]).flat();
    const before = turns(policy.thresholds.maxVisitorTurns - 1);
    expect(codes({ turns: before.slice(0, -1), language: 'en', intake: answered })).toEqual([]);
    const at = turns(policy.thresholds.maxVisitorTurns);
    const d = evaluateTurn(policy, { turns: at.slice(0, -1), language: 'en', intake: answered });
    expect(d.reasons).toEqual([expect.objectContaining({ code: 'intake_timeout', evidence: expect.stringContaining(`>= maximum ${policy.thresholds.maxVisitorTurns}`) })]);
  });
});

describe('repeated_failure and out_of_scope', () => {
  it('same question asked twice (case, punctuation and width do not matter)', () => {
    const d = evaluateTurn(policy, { turns: [v('How do I register my seal?'), a(), v('how do i REGISTER my seal')], language: 'en' });
    expect(d.reasons[0]).toMatchObject({ code: 'repeated_failure', evidence: expect.stringContaining('same question asked twice') });
  });

  it('"that did not help" right after a reply; not as the opening line', () => {
    // The rule alone (the classifier also reads "that's not what I asked" as frustration).
    expect(codes({ turns: [v('Where is counter 4?'), a(), v("That's not what I asked")], language: 'en', classifier: null })).toEqual(['repeated_failure']);
    expect(codes({ turns: [v("That's not what I asked")], language: 'en', classifier: null })).toEqual([]);
    expect(codes({ turns: [v('Where is counter 4?'), a(), v("That's not what I asked")], language: 'en' })).toContain('repeated_failure');
  });

  it('N failed turns in the session, even when not consecutive', () => {
    const turns = [v('When is garbage day?', { intake: unknown }), a(), v('What are your office hours?', { intake: answered }), a(), v('Where do I pay my water bill?', { intake: unknown }), a(), v('Can I park here overnight?', { intake: answered }), a(), v('Is there a passport office?')];
    const d = evaluateTurn(policy, { turns, language: 'en', intake: unknown });
    expect(d.reasons.map((r) => r.code)).toEqual(['repeated_failure']);
    expect(d.reasons[0]!.evidence).toContain('3 failed visitor turns');
  });

  it("an article answer below the low-confidence threshold counts as unanswered; the engine's own decisions pass through", () => {
    const low: IntakeAnswer = { intent: 'kb:parking', confidence: 0.5, escalation: null };
    expect(codes({ turns: [v('a', { intake: low }), a(), v('b')], language: 'en', intake: low })).toEqual(['out_of_scope']);
    const engine: IntakeAnswer = { intent: 'request_person', confidence: 0.9, escalation: { reason: 'explicit_request', evidence: 'accepted the offer of a staff member: "yes"' } };
    expect(codes({ turns: [v('Where can I renew my passport?'), a("I'm not sure. Shall I connect you with a staff member?"), v('yes')], language: 'en', intake: engine })).toEqual(['explicit_request']);
  });

  it('after a turn near a covered article (a detail no article holds), two unanswered follow-ups are not yet out of scope; a third is; without it two are', () => {
    const near: IntakeAnswer = { intent: 'unknown', confidence: 0.7, escalation: null, nearArticle: 'residence-certificate' };
    const REPLIES = ['Sorry, I do not have that detail. Shall I connect you with staff?', 'The proxy letter must be signed by your mother.', 'Certificates cost 300 yen each at Counter 2.'];
    const DETAILS = ['Does the letter need a stamp?', 'How many copies can one person get?', 'Is a photocopy of her passport fine?'];
    const turns = (n: number, first: IntakeAnswer) => [v('What does my daughter need to bring to get my residence certificate for me?', { intake: first }), ...Array.from({ length: n }, (_, i) => [a(REPLIES[i]), v(DETAILS[i]!, { intake: unknown })]).flat()];
    const two = turns(2, near);
    expect(codes({ turns: two, language: 'en', intake: unknown, classifier: null })).toEqual([]);
    const three = turns(3, near);
    const d = evaluateTurn(policy, { turns: three, language: 'en', intake: unknown, classifier: null });
    expect(d.reasons.map((r) => r.code)).toContain('out_of_scope');
    expect(d.reasons.find((r) => r.code === 'out_of_scope')?.evidence).toContain('one more after an answered turn');
    // A first turn that was itself unanswered (no article near it) leaves the threshold at two.
    expect(codes({ turns: turns(1, unknown), language: 'en', intake: unknown, classifier: null })).toContain('out_of_scope');
  });
});

describe('sentiment, language and determinism', () => {
  it('scores positive, neutral and negative turns; "not helpful" is not positive', () => {
    expect(judge('Thank you, that was very helpful!')).toMatchObject({ sentiment: 'positive', escalate: false });
    expect(judge('Where is the tax counter?')).toMatchObject({ sentiment: 'neutral', sentimentScore: 0 });
    expect(judge('That was not helpful').sentiment).toBe('negative');
    expect(judge('WHY IS THIS SO COMPLICATED, I HAVE WAITED FOR HOURS').reasons.map((r) => r.code)).toEqual(['negative_sentiment']);
  });

  it('sustained mild negativity escalates on the second negative turn', () => {
    const turns = [v('This form is confusing'), a(), v('The instructions are so confusing and frustrating')];
    expect(codes({ turns: turns.slice(0, 1), language: 'en' })).toEqual([]);
    expect(codes({ turns, language: 'en' })).toEqual(['negative_sentiment']);
  });

  it('questions about what the kiosk is are not requests for a person', () => {
    expect(judge('Are you a real person or a robot?').escalate).toBe(false);
    expect(judge('Are you a real person? I want a real person').escalate).toBe(true);
  });

  it('reports the detected language and flags a mismatch with the session language', () => {
    const d = judge('Je voudrais parler à quelqu’un du service des impôts', 'en');
    expect(d).toMatchObject({ language: 'fr', skills: { language: 'fr' } });
    expect(d.flags).toContain('language:fr');
    expect(judge('ok', 'de').language).toBe('de');
  });

  it('is deterministic and handles an empty conversation', () => {
    const input: PolicyInput = { turns: [v('I am so angry, I want a refund now!')], language: 'en' };
    expect(evaluateTurn(policy, input)).toEqual(evaluateTurn(policy, input));
    expect(evaluateTurn(policy, { turns: [] })).toMatchObject({ escalate: false, reasons: [], language: 'en', priority: 9 });
  });
});

describe('accessibility questions about a class of people are not vulnerable visitors', () => {
  it.each([
    ['en', 'Are the toilets on this floor accessible for wheelchair users?'],
    ['zh', '老年人可以免费坐公交车吗？'],
    ['zh', '行动不便的旅客可以提前登机吗？'],
    ['ja', '車椅子の方も使えるトイレはありますか'],
  ] as [Language, string][])('[%s] %s', (language, text) => {
    const d = judge(text, language);
    expect(d.reasons.map((r) => r.code)).not.toContain('vulnerable_visitor');
  });

  it.each([
    ['zh', '我妈妈行动不便，能帮我们一下吗'],
    ['en', "I'm a wheelchair user and I can't reach the ticket machine"],
  ] as [Language, string][])('[%s] the visitor or a companion still is: %s', (language, text) => {
    expect(judge(text, language).reasons.map((r) => r.code)).toContain('vulnerable_visitor');
  });
});

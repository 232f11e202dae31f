import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandoffPackage } from '@telekiosk/shared';
import { startOrchestrator, type Orchestrator } from '../src/server.ts';
import { loadConfig } from '../src/config.ts';
import { offerOfPerson } from '../src/sessions/escalation.ts';
import type { IntakeEngine } from '../src/sessions/ports.ts';
import { consoleSocket, fakeIntake, kioskSocket, next, ok, startTestOrchestrator } from './helpers.ts';

/** The escalation policy decides after every visitor turn, with reasons, evidence and priority. */
describe('escalation policy in a session', () => {
  let orch: Orchestrator;
  beforeAll(async () => {
    orch = await startTestOrchestrator({}, fakeIntake);
  });
  afterAll(async () => orch.close());

  it('escalates a safety case at top priority, alerts facility staff, and keeps the device in service', async () => {
    const kiosk = await kioskSocket(orch);
    const kenji = await consoleSocket(orch, 'kenji');
    const sam = await consoleSocket(orch, 'sam');
    await ok(kenji, 'console:hello');
    await ok(sam, 'console:hello');
    await ok(sam, 'worker:set-state', { state: 'available' });
    const { session } = await ok(kiosk, 'session:start', { language: 'es', consentAcceptedAt: new Date().toISOString(), mode: 'assistant' });
    const staffAlert = next(kenji, 'alert:update', 20_000, (a: { kind: string }) => a.kind === 'safety');
    const offer = next(sam, 'offer:new');
    const res = await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'Un señor se ha desmayado, llamen a una ambulancia' });
    expect(res.session.state).toBe('queued');
    const handoff = (await offer).handoff;
    expect(handoff.reasons[0]).toMatchObject({ code: 'safety' });
    expect(handoff.reasons[0].evidence).toMatch(/ambulancia|desmayado/);
    expect(handoff.urgency).toBe('critical');
    expect(handoff.skills).toMatchObject({ language: 'es', department: 'security' });
    expect(await staffAlert).toMatchObject({ kind: 'safety', severity: 'critical', deviceId: 'lobby-1' });
    const snap = await ok(kenji, 'fleet:snapshot');
    expect(snap.devices[0].inService).toBe(true);
    const escalated = (await orch.store.events(session.id)).find((e) => e.type === 'escalated');
    expect(escalated?.data).toMatchObject({ priority: 0, department: 'security' });
    for (const s of [kiosk, kenji, sam]) s.close();
  });

  it('does not escalate an ordinary question', async () => {
    const kiosk = await kioskSocket(orch);
    const { session } = await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'assistant' });
    const res = await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'Where do I recycle plastic bottles?' });
    expect(res.session.state).toBe('intake');
    kiosk.close();
  });
});

/** A visitor already waiting for a person can still report an emergency: the policy reads lines typed while queued for safety. */
describe('an emergency reported while waiting in the queue', () => {
  let orch: Orchestrator;
  beforeAll(async () => {
    orch = await startTestOrchestrator({}, fakeIntake);
  });
  afterAll(async () => orch.close());

  it('raises the waiting session to safety: staff alerted, kiosk told, first for any worker, handoff leads with safety', async () => {
    const kiosk = await kioskSocket(orch);
    const kenji = await consoleSocket(orch, 'kenji');
    await ok(kenji, 'console:hello');
    const { session } = await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'assistant' });
    const queued = await ok(kiosk, 'visitor:request-person', { sessionId: session.id });
    expect(queued.session.state).toBe('queued');
    const before = await orch.sessions.routing.task(session.id);
    expect(before?.priority).toBeGreaterThan(0);

    // An ordinary line while waiting is stored and changes nothing.
    const calm = await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'How long will it take? My husband is getting tired of waiting.' });
    expect(calm.entries).toHaveLength(1);
    expect((await orch.sessions.routing.task(session.id))?.priority).toBe(before?.priority);
    expect((await orch.store.events(session.id)).some((e) => e.type === 'emergency_while_queued')).toBe(false);

    const emergency = next(kiosk, 'session:emergency');
    const staffAlert = next(kenji, 'alert:update', 20_000, (a: { kind: string }) => a.kind === 'safety');
    const res = await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'He just collapsed on the floor and he is not breathing!' });
    expect(res.session.state).toBe('queued');
    expect(await emergency).toMatchObject({ sessionId: session.id, acknowledged: false });
    expect(await staffAlert).toMatchObject({ kind: 'safety', severity: 'critical', deviceId: 'lobby-1' });
    const after = await orch.sessions.routing.task(session.id);
    expect(after).toMatchObject({ priority: 0, createdAt: before?.createdAt });
    expect((await orch.sessions.queueStatus(session.id))?.waitState).toBe('emergency');
    const events = await orch.store.events(session.id);
    const raised = events.find((e) => e.type === 'emergency_while_queued');
    expect(raised?.data).toMatchObject({ priority: 0, previousPriority: before?.priority, reasons: [expect.objectContaining({ code: 'safety', entryId: res.entries[0].id })] });
    // The KPIs still see one escalation (the visitor's request), not two.
    expect(events.filter((e) => e.type === 'escalated')).toHaveLength(1);

    // A second alarming line raises no second alert.
    const again = await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'Please hurry, he is still not breathing' });
    expect(again.session.state).toBe('queued');
    expect((await orch.store.events(session.id)).filter((e) => e.type === 'emergency_while_queued')).toHaveLength(1);
    expect((await orch.store.fleet.activeAlerts('lobby-1')).filter((a) => a.kind === 'safety')).toHaveLength(1);

    // The worker who comes on duty is offered it with the safety reason first and the visitor's request kept.
    const sam = await consoleSocket(orch, 'sam');
    await ok(sam, 'console:hello');
    const offer = next(sam, 'offer:new', 20_000, (o: { sessionId: string; handoff: HandoffPackage }) => o.sessionId === session.id);
    await ok(sam, 'worker:set-state', { state: 'available' });
    const handoff = (await offer).handoff;
    expect(handoff.urgency).toBe('critical');
    expect(handoff.flags).toContain('safety');
    expect(handoff.reasons.map((r) => r.code)).toEqual(['safety', 'explicit_request']);
    expect(handoff.reasons[0]?.evidence).toMatch(/breathing|collapsed/);
    expect(handoff.transcript.some((e) => /not breathing/.test(e.text))).toBe(true);
    for (const s of [kiosk, kenji, sam]) s.close();
  });
});

/**
 * The policy judges earlier turns by the intake's answers to them (kept per visitor line in the
 * session's intake facts), as the evaluation does: two questions in a row the knowledge base
 * cannot answer are handed to staff as out of scope by the policy itself, even with an intake
 * engine that never escalates on its own.
 */
describe('the policy sees the intake answers of earlier turns', () => {
  let orch: Orchestrator;
  const neverEscalates: IntakeEngine = {
    ...fakeIntake,
    respond: ({ text }) =>
      /visa/.test(text)
        ? { reply: "I'm not sure about that.", intent: 'unknown', confidence: 0.8, articles: [], escalation: null }
        : /passport/.test(text)
          ? { reply: 'Passports are issued at the passport centre.', intent: 'kb:elsewhere-passports', confidence: 0.9, articles: [{ id: 'elsewhere-passports', title: 'Passports', score: 0.9 }], escalation: null, handledElsewhere: true }
        : /sofa|bed frame/.test(text)
          ? { reply: "I'm not sure about that.", intent: 'unknown', confidence: 0.7, articles: [], escalation: null, nearArticle: { id: 'oversized-garbage', probability: 0.4 } }
        : /counter clerk/.test(text)
          ? { reply: 'Connecting you.', intent: 'request_person', confidence: 0.99, articles: [], escalation: { reason: 'explicit_request', evidence: `said "${text}"` } }
        : { reply: `Answer to: ${text}`, intent: 'kb:office-hours', confidence: 0.9, articles: [{ id: 'office-hours', title: 'Office hours', score: 9 }], escalation: null },
  };
  beforeAll(async () => {
    orch = await startTestOrchestrator({}, neverEscalates);
  });
  afterAll(async () => orch.close());

  it('escalates the second unanswered question in a row as out of scope, with the streak as evidence', async () => {
    const kiosk = await kioskSocket(orch);
    const { session } = await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'assistant' });
    const first = await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'How long does a spouse visa change take?' });
    expect(first.session.state).toBe('intake');
    const second = await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'Who decides on my visa status change then?' });
    expect(second.session.state).toBe('queued');
    const escalated = (await orch.store.events(session.id)).find((e) => e.type === 'escalated');
    expect(JSON.stringify(escalated?.data)).toMatch(/out_of_scope/);
    expect(JSON.stringify(escalated?.data)).toMatch(/2 unanswered visitor turn/);
    kiosk.close();
  });

  it('keeps the answers per visitor line without the visitor\'s words', async () => {
    const kiosk = await kioskSocket(orch);
    const { session } = await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'assistant' });
    await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'When are you open on Saturday?' });
    const res = await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'Let me see the counter clerk, Mrs Tanaka-Okafor' });
    expect(res.session.state).toBe('queued');
    const facts = (await orch.store.intakeFacts(session.id)) as { turnAnswers?: { entryId: string; intent: string; escalation: null | { reason: string; evidence: string } }[] };
    const answers = facts.turnAnswers ?? [];
    expect(answers.map((a) => a.intent)).toEqual(['kb:office-hours', 'request_person']);
    expect(answers[1]!.escalation).toEqual({ reason: 'explicit_request', evidence: '' });
    expect(JSON.stringify(facts.turnAnswers)).not.toMatch(/Tanaka/);
    kiosk.close();
  });

  it('a handled-elsewhere answer counts as unanswered: still needing it hands off, and the stored answers say so', async () => {
    const kiosk = await kioskSocket(orch);
    const { session } = await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'assistant' });
    const first = await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'Where do I renew my passport?' });
    expect(first.session.state).toBe('intake');
    const facts = (await orch.store.intakeFacts(session.id)) as { turnAnswers?: { intent: string; handledElsewhere?: boolean }[] };
    expect(facts.turnAnswers?.[0]).toMatchObject({ intent: 'kb:elsewhere-passports', handledElsewhere: true });
    // The audit event says it was a referral (the KPI report counts referrals apart from gaps).
    const answered = (await orch.store.events(session.id)).filter((e) => e.type === 'intake_answered');
    expect(answered.map((e) => (e.data as { handledElsewhere?: boolean }).handledElsewhere)).toEqual([true]);
    const second = await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'Is there an urgent passport service? I fly on Friday.' });
    expect(second.session.state).toBe('queued');
    const escalated = (await orch.store.events(session.id)).find((e) => e.type === 'escalated');
    expect(JSON.stringify(escalated?.data)).toMatch(/out_of_scope/);
    kiosk.close();
  });

  it('unknown details near a covered article do not hand off, and the stored answers name the article', async () => {
    const kiosk = await kioskSocket(orch);
    const { session } = await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'assistant' });
    await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'Is the sofa fine if it is wrapped in plastic?' });
    const res = await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'And can the bed frame go out in pieces?' });
    expect(res.session.state).toBe('intake');
    const facts = (await orch.store.intakeFacts(session.id)) as { turnAnswers?: { intent: string; nearArticle?: string }[] };
    expect(facts.turnAnswers?.map((a) => a.nearArticle)).toEqual(['oversized-garbage', 'oversized-garbage']);
    const answered = (await orch.store.events(session.id)).filter((e) => e.type === 'intake_answered');
    expect(answered.map((e) => (e.data as { nearArticle?: string; handledElsewhere?: boolean }))).toMatchObject([{ nearArticle: 'oversized-garbage' }, { nearArticle: 'oversized-garbage' }]);
    expect(answered.some((e) => 'handledElsewhere' in (e.data as object))).toBe(false);
    kiosk.close();
  });

  it('does not escalate an answered question after an unanswered one', async () => {
    const kiosk = await kioskSocket(orch);
    const { session } = await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'assistant' });
    await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'How long does a spouse visa change take?' });
    const res = await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'OK. When are you open on Saturday?' });
    expect(res.session.state).toBe('intake');
    kiosk.close();
  });
});

/**
 * The policy decides over the engine's own escalation: when it overrules it (here the engine
 * hands off the first unanswered question after an answered one, which the policy's streak rule
 * does not), the session stays with the assistant, and the visitor reads the offer of a person,
 * not the engine's "I'll connect you now" that nobody would keep. Without a policy the engine's
 * escalation stands.
 */
describe('an engine escalation the policy overrules', () => {
  const promise = "I'm sorry, I can't answer that myself. I'll connect you with a staff member now.";
  const eager: IntakeEngine = {
    ...fakeIntake,
    respond: ({ text }) =>
      /bus/.test(text)
        ? { reply: promise, intent: 'unknown', confidence: 0.8, articles: [], escalation: { reason: 'out_of_scope', evidence: `no article for "${text}"` } }
        : { reply: `Answer to: ${text}`, intent: 'kb:office-hours', confidence: 0.9, articles: [{ id: 'office-hours', title: 'Office hours', score: 9 }], escalation: null },
  };
  const orchs: Orchestrator[] = [];
  afterAll(async () => {
    for (const o of orchs) await o.close();
  });
  async function twoTurns(orch: Orchestrator, language: 'en' | 'ja') {
    const kiosk = await kioskSocket(orch);
    const { session } = await ok(kiosk, 'session:start', { language, consentAcceptedAt: new Date().toISOString(), mode: 'assistant' });
    await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'When are you open on Saturday?' });
    const res = await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'Which bus goes to the airport from here?' });
    kiosk.close();
    const transcript = await orch.store.transcript(session.id);
    return { state: res.session.state as string, lastReply: transcript.filter((e) => e.speaker === 'assistant').at(-1)?.text, events: await orch.store.events(session.id) };
  }

  it('keeps the visitor with the assistant and replaces the promise of a handoff by the offer of a person, in the visitor\'s language', async () => {
    const orch = await startTestOrchestrator({}, eager);
    orchs.push(orch);
    const en = await twoTurns(orch, 'en');
    expect(en.state).toBe('intake');
    expect(en.lastReply).not.toBe(promise);
    expect(en.lastReply).toBe(offerOfPerson('en'));
    expect(en.lastReply).toMatch(/Would you like me to connect you with a staff member\?/);
    expect(en.events.some((e) => e.type === 'escalated')).toBe(false);
    expect(en.events.filter((e) => e.type === 'policy_checked').at(-1)?.data).toMatchObject({ overruledEngine: 'out_of_scope' });
    const ja = await twoTurns(orch, 'ja');
    expect(ja.state).toBe('intake');
    expect(ja.lastReply).toBe(offerOfPerson('ja'));
    expect(ja.lastReply).not.toBe(offerOfPerson('en'));
  });

  it('without a policy, the engine\'s escalation stands', async () => {
    const config = loadConfig({}, { port: 0, dataDir: 'memory://', logLevel: 'silent', wrapUpMs: 100, routingLanguageFallbackMs: 0 });
    const orch = await startOrchestrator(config, { intake: eager, translator: null, policy: null });
    orchs.push(orch);
    const run = await twoTurns(orch, 'en');
    expect(run.state).toBe('queued');
    expect(run.lastReply).toBe(promise);
    expect(JSON.stringify(run.events.find((e) => e.type === 'escalated')?.data)).toMatch(/out_of_scope/);
  });
});

import { describe, expect, it } from 'vitest';
import type { ReviewTurn, WorkerView } from '@telekiosk/shared';
import { assignment, offer, SESSION_ID, worker } from './fixtures.test-util.ts';
import { REVIEW_EXPORT_FILENAME } from './reviewClient.ts';
import { refuse, signedIn, type Answers } from './fakeSocket.test-util.ts';

const T0 = '2026-11-21T09:30:00.000Z';
const trainer: WorkerView = { id: 't-tomas', username: 'tomas', displayName: 'Tomás Silva', role: 'trainer', languages: ['pt', 'es', 'en'], state: 'offline' };
const ok = (data: unknown) => () => ({ ok: true as const, data });
const entryId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const turn = (n: number, speaker: ReviewTurn['speaker'], over: Partial<ReviewTurn> = {}): ReviewTurn => ({
  entryId: entryId(n),
  seq: n,
  speaker,
  text: `line ${n}`,
  language: 'es',
  escalatedFor: [],
  article: null,
  label: null,
  labelReason: null,
  ...over,
});

async function trainerClient(answers: Answers = {}) {
  const c = await signedIn(trainer, {
    'review:queue': ok({ items: [{ sessionId: SESSION_ID, language: 'es', createdAt: T0, why: ['sample'], escalated: false, rating: null, labelled: 0 }], sampleRatePercent: 5 }),
    'review:session': ok({ turns: [turn(1, 'visitor'), turn(2, 'assistant', { article: { id: 'office-hours', version: 2 } })], verdict: null, why: ['sample'] }),
    'review:label': ok({}),
    ...answers,
  });
  return { ...c, payloads: (event: string) => c.socket.emitted.filter((e) => e.event === event).map((e) => e.payload) };
}

describe('review client (AI trainers)', () => {
  it('a trainer takes no visitors: hello loads nothing else; the queue and a conversation load', async () => {
    const { client, events } = await trainerClient();
    expect(events()).toEqual(['console:hello']);
    await client.review.loadQueue();
    expect(client.getSnapshot().review.queue).toMatchObject({ status: 'ready', sampleRatePercent: 5, items: [{ sessionId: SESSION_ID, labelled: 0 }] });
    await client.review.openSession(SESSION_ID);
    expect(client.getSnapshot().review.open).toMatchObject({ sessionId: SESSION_ID, status: 'ready', verdict: null, turns: [{ seq: 1 }, { seq: 2 }] });
  });

  it('labels turns: the turn and the queue count follow; a reason goes only with "should escalate"', async () => {
    const { client, payloads } = await trainerClient();
    await client.review.loadQueue();
    await client.review.openSession(SESSION_ID);
    expect(await client.review.label(entryId(1), 'should_escalate', 'explicit_request')).toBe(true);
    expect(await client.review.label(entryId(1), 'should_not_escalate', 'explicit_request')).toBe(true);
    expect(await client.review.label(entryId(2), 'wrong_answer')).toBe(true);
    expect(payloads('review:label')).toEqual([
      { sessionId: SESSION_ID, entryId: entryId(1), label: 'should_escalate', reason: 'explicit_request' },
      { sessionId: SESSION_ID, entryId: entryId(1), label: 'should_not_escalate' },
      { sessionId: SESSION_ID, entryId: entryId(2), label: 'wrong_answer' },
    ]);
    const s = client.getSnapshot().review;
    expect(s.open?.turns.map((t) => [t.label, t.labelReason])).toEqual([
      ['should_not_escalate', null],
      ['wrong_answer', null],
    ]);
    // Two turns labelled (relabelling the first does not count twice).
    expect(s.queue.items[0]?.labelled).toBe(2);
    expect(s.labelling).toBeNull();
  });

  it('a refused label is shown and the turn keeps its label', async () => {
    const { client } = await trainerClient({ 'review:label': () => refuse('bad_request', 'label: correct labels an assistant answer') });
    await client.review.openSession(SESSION_ID);
    expect(await client.review.label(entryId(1), 'correct')).toBe(false);
    expect(client.getSnapshot().review).toMatchObject({ labelling: null, result: { ok: false, scope: 'label', key: 'errors.bad_request' } });
    expect(client.getSnapshot().review.open?.turns[0]?.label).toBeNull();
  });

  it('exports the labelled conversations as review-labels.jsonl', async () => {
    const jsonl = '{"id":"r-1","lang":"es","expect":"escalate"}\n';
    const { client, saved } = await trainerClient({ 'review:export': ok({ jsonl, conversations: 1 }) });
    expect(await client.review.exportLabels()).toBe(true);
    expect(saved.map((s) => s.name)).toEqual([REVIEW_EXPORT_FILENAME]);
    expect(await saved[0]!.blob.text()).toBe(jsonl);
    expect(client.getSnapshot().review).toMatchObject({ exporting: false, result: { ok: true, scope: 'export', key: 'review.exported', params: { count: 1 } } });
  });
});

describe('wrap-up verdict (workers)', () => {
  async function afterCall(answers: Answers = {}) {
    const a = assignment();
    const c = await signedIn(worker('available'), {
      'offer:accept': ok(a),
      'session:end': ok({ session: { ...a.session, state: 'ended', endedAt: T0, disposition: 'resolved' } }),
      'assist:latest': ok(null),
      'session:notes': ok({ notes: [] }),
      'canned:list': ok({ replies: [] }),
      'callbacks:list': ok({ callbacks: [] }),
      ...answers,
    });
    c.socket.fire('offer:new', offer());
    await c.client.acceptOffer(offer().id);
    await c.client.endSession('resolved');
    return { ...c, payloads: (event: string) => c.socket.emitted.filter((e) => e.event === event).map((e) => e.payload) };
  }

  it('sends the verdict on the session that ended; the card stays after wrap-up until it is sent', async () => {
    const { client, socket, payloads } = await afterCall({ 'session:verdict': ok({}) });
    socket.fire('worker:update', worker('wrap_up'));
    socket.fire('worker:update', worker('available'));
    expect(client.getSnapshot().ended?.session.id).toBe(SESSION_ID);
    const sending = client.review.submitVerdict({ escalation: 'earlier' });
    expect(client.getSnapshot().verdict).toEqual({ sessionId: SESSION_ID, status: 'sending', error: null });
    expect(await sending).toBe(true);
    expect(payloads('session:verdict')).toEqual([{ sessionId: SESSION_ID, verdict: { escalation: 'earlier' } }]);
    expect(client.getSnapshot().verdict).toEqual({ sessionId: SESSION_ID, status: 'sent', error: null });
    client.dismissWrapUp();
    expect(client.getSnapshot()).toMatchObject({ ended: null, verdict: null });
  });

  it('a refused verdict says why and can be sent again', async () => {
    let refused = true;
    const { client } = await afterCall({ 'session:verdict': () => (refused ? refuse('unavailable', 'database busy') : ok({})()) });
    expect(await client.review.submitVerdict({ escalation: 'right', answers: 'wrong', wrongEntryIds: [entryId(2)], package: 'missing', missing: 'the case number' })).toBe(false);
    expect(client.getSnapshot().verdict).toMatchObject({ status: 'error', error: { key: 'errors.unavailable', detail: 'database busy' } });
    refused = false;
    expect(await client.review.submitVerdict({ escalation: 'right' })).toBe(true);
    expect(client.getSnapshot().verdict?.status).toBe('sent');
  });
});

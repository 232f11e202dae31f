import { describe, expect, it } from 'vitest';
import { estimateWaitMs } from './estimate.ts';
import { invariantViolations, setupEngine } from './testkit.ts';

/** Requeue at head, transfers and queue status (fake clock). */
describe('RoutingEngine requeue and transfers', () => {
  it('requeueAtHead puts a task whose worker dropped at the front of its queue (behind safety only)', () => {
    const { engine, offers, clock } = setupEngine();
    engine.upsertWorker({ id: 'a', languages: ['en'], state: 'available' });
    engine.enqueue({ id: 'call', language: 'en', priority: 5 });
    engine.accept(offers[0]!.offerId, 'a');
    clock.advance(60_000);
    engine.enqueue({ id: 'old-sensitive', language: 'en', priority: 3, createdAt: clock.now() - 3_600_000 });
    engine.enqueue({ id: 'safety', language: 'en', priority: 0 });
    engine.setWorkerState('a', 'offline'); // disconnected mid-call
    const snap = engine.requeueAtHead('call');
    expect(snap).toMatchObject({ state: 'queued', atHead: true, workerId: null });
    expect(engine.queuedTaskIds()).toEqual(['safety', 'call', 'old-sensitive']);
    expect(engine.worker('a')).toMatchObject({ state: 'offline', activeTasks: [] });
    // An unknown task can be requeued from its input; unknown ids alone cannot.
    expect(engine.requeueAtHead('nope')).toBeUndefined();
    engine.requeueAtHead({ id: 'restored', language: 'en', priority: 5 });
    expect(engine.queuedTaskIds()).toEqual(['safety', 'call', 'restored', 'old-sensitive']);
    engine.upsertWorker({ id: 'b', languages: ['en'], state: 'available' });
    expect(offers.at(-1)?.taskId).toBe('safety');
  });

  it('cold transfer moves the task to another queue keeping its age, and releases the worker to wrap-up', () => {
    const { engine, offers, clock } = setupEngine({ wrapUpMs: 2_000 });
    engine.upsertWorker({ id: 'gen', languages: ['en'], departments: ['general'], state: 'available' });
    engine.enqueue({ id: 'visitor', language: 'en', priority: 5 });
    const created = clock.now();
    engine.accept(offers[0]!.offerId, 'gen');
    clock.advance(5 * 60_000);
    engine.enqueue({ id: 'newer-tax', language: 'en', priority: 5, department: 'tax' });
    expect(engine.transfer('visitor', { toQueue: 'tax' })).toEqual({ ok: true, offered: false });
    expect(engine.task('visitor')).toMatchObject({ state: 'queued', department: 'tax', createdAt: created, queuedAt: clock.now() });
    expect(engine.queuedTaskIds('tax')).toEqual(['visitor', 'newer-tax']); // original age kept
    expect(engine.worker('gen')?.state).toBe('wrap_up');
    engine.upsertWorker({ id: 'tax', languages: ['en'], departments: ['tax'], state: 'available' });
    expect(offers.at(-1)).toMatchObject({ taskId: 'visitor', workerId: 'tax', queue: 'tax' });
    // Transferring a queued, offered task revokes its offer.
    const res = engine.transfer('visitor', { toQueue: 'environment' });
    expect(res).toEqual({ ok: true, offered: false });
    expect(offers.at(-1)).toMatchObject({ taskId: 'newer-tax', workerId: 'tax' });
    expect(engine.transfer('missing', { toQueue: 'tax' })).toEqual({ ok: false, reason: 'unknown_task' });
    expect(invariantViolations(engine)).toEqual([]);
  });

  it('directed transfer offers a queued task to the named worker only, then falls back to normal routing on decline', () => {
    const { engine, offers, failed } = setupEngine();
    engine.upsertWorker({ id: 'ja', languages: ['ja'], state: 'available', idleSince: 1 });
    engine.upsertWorker({ id: 'busy-sup', languages: ['en'], level: 3, state: 'away', awayReason: 'meeting' });
    engine.enqueue({ id: 't', language: 'ja', priority: 5 });
    engine.decline(offers[0]!.offerId, 'ja');
    expect(offers).toHaveLength(2); // new round: ja again
    expect(engine.transfer('t', { toWorker: 'busy-sup' })).toEqual({ ok: true, offered: false });
    expect(engine.task('t')?.transferTo).toBe('busy-sup');
    expect(engine.openOffers()).toEqual([]); // ja's offer revoked; ja is not eligible for a directed task
    engine.setWorkerState('busy-sup', 'available');
    expect(offers.at(-1)).toMatchObject({ taskId: 't', workerId: 'busy-sup', directed: true, needsTranslation: true });
    engine.decline(offers.at(-1)!.offerId, 'busy-sup');
    expect(failed).toEqual([['t', 'busy-sup', 'declined']]);
    expect(offers.at(-1)).toMatchObject({ taskId: 't', workerId: 'ja', directed: false });
    expect(engine.transfer('t', { toWorker: 'ghost' })).toEqual({ ok: false, reason: 'unknown_worker' });
  });

  it('warm transfer: the current worker keeps the task until the target accepts, then wraps up', () => {
    const { engine, offers } = setupEngine({ wrapUpMs: 3_000 });
    engine.upsertWorker({ id: 'a', languages: ['en'], state: 'available' });
    engine.upsertWorker({ id: 'b', languages: ['en'], departments: ['tax'], state: 'available' });
    engine.enqueue({ id: 't', language: 'en', priority: 5 });
    engine.accept(offers[0]!.offerId, 'a');
    expect(engine.transfer('t', { toWorker: 'b' })).toEqual({ ok: true, offered: true });
    expect(engine.worker('a')?.state).toBe('busy');
    const accepted = engine.accept(offers.at(-1)!.offerId, 'b');
    expect(accepted).toMatchObject({ id: 't', workerId: 'b', transferTo: null });
    expect(engine.worker('a')).toMatchObject({ state: 'wrap_up', activeTasks: [] });
    expect(engine.worker('b')).toMatchObject({ state: 'busy', activeTasks: ['t'] });
  });

  it('warm transfer that fails stays with the worker, or cold-transfers to toQueue when given', () => {
    const { engine, offers, failed, clock } = setupEngine({ offerTimeoutMs: 20_000, directedWaitMs: 30_000 });
    engine.upsertWorker({ id: 'a', languages: ['en'], state: 'available' });
    engine.upsertWorker({ id: 'b', languages: ['en'], state: 'available' });
    engine.enqueue({ id: 't', language: 'en', priority: 5 });
    engine.accept(offers[0]!.offerId, offers[0]!.workerId);
    const holder = offers[0]!.workerId;
    const target = holder === 'a' ? 'b' : 'a';
    engine.transfer('t', { toWorker: target });
    clock.advance(20_000); // target misses the offer
    expect(failed).toEqual([['t', target, 'timeout']]);
    expect(engine.task('t')).toMatchObject({ state: 'assigned', workerId: holder });
    // Target away now: wait expires after directedWaitMs, then the fallback queue takes it.
    engine.transfer('t', { toWorker: target, toQueue: 'tax' });
    clock.advance(30_000);
    expect(failed.at(-1)).toEqual(['t', target, 'wait_expired']);
    expect(engine.task('t')).toMatchObject({ state: 'queued', department: 'tax' });
    expect(engine.worker(holder)?.state).toBe('wrap_up');
    expect(invariantViolations(engine)).toEqual([]);
  });
});

describe('RoutingEngine queue status', () => {
  it('gives position within the queue, eligible workers and the ETA formula', () => {
    const cfg = { avgHandleMs: 240_000, offerAnswerMs: 15_000, offerTimeoutMs: 20_000, handleTimeSmoothing: 0.2, wrapUpMs: 0 };
    const { engine, offers, clock } = setupEngine(cfg);
    engine.upsertWorker({ id: 'a', languages: ['en'], state: 'available' });
    for (const id of ['t1', 't2', 't3']) (engine.enqueue({ id, language: 'en', priority: 5 }), clock.advance(1));
    engine.enqueue({ id: 'tax1', language: 'en', priority: 5, department: 'tax' });
    // t1 is offered: ETA = time to answer.
    expect(engine.queueStatus('t1')).toMatchObject({ position: 1, queueLength: 3, offered: true, estimatedWaitMs: 15_000, availableWorkers: 0, staffedSlots: 1 });
    // t3: ahead 2, free 0, staffed 1 -> 15 000 + 3 x 240 000 / 1.
    expect(engine.queueStatus('t3')).toMatchObject({ position: 3, offered: false, estimatedWaitMs: 15_000 + 3 * 240_000 });
    // Nobody staffed for tax: assume one worker -> 15 000 + 1 x 240 000.
    expect(engine.queueStatus('tax1')).toMatchObject({ position: 1, staffedSlots: 0, estimatedWaitMs: 255_000 });
    engine.upsertWorker({ id: 'b', languages: ['en'], state: 'available' });
    engine.upsertWorker({ id: 'c', languages: ['en'], state: 'available' });
    expect(engine.queueStatus('t3')).toMatchObject({ offered: true, estimatedWaitMs: 15_000, staffedSlots: 3 });
    // Average handle time is learnt: 60 s handled -> 240 000 + 0.2 x (60 000 - 240 000).
    engine.accept(offers[0]!.offerId, 'a');
    clock.advance(60_000);
    engine.completeTask('t1');
    expect(engine.averageHandleMs).toBe(204_000);
    expect(engine.queueStatus('t1')).toBeUndefined();
  });

  it('estimateWaitMs follows the documented formula', () => {
    const base = { avgHandleMs: 100_000, offerTimeoutMs: 20_000, offerAnswerMs: 15_000 };
    expect(estimateWaitMs({ ...base, ahead: 0, free: 1, staffed: 1, offered: false })).toBe(15_000);
    expect(estimateWaitMs({ ...base, ahead: 4, free: 1, staffed: 2, offered: false })).toBe(15_000 + (4 * 100_000) / 2);
    expect(estimateWaitMs({ ...base, ahead: 9, free: 0, staffed: 0, offered: false })).toBe(15_000 + 10 * 100_000);
    expect(estimateWaitMs({ ...base, offerTimeoutMs: 5_000, ahead: 9, free: 0, staffed: 5, offered: true })).toBe(5_000);
  });
});

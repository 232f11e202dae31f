import { describe, expect, it } from 'vitest';
import { invariantViolations, setupEngine } from './testkit.ts';

/** Matching and ordering rules of the routing engine, each with its config field (fake clock). */
describe('RoutingEngine matching rules', () => {
  it('prefers a speaker of the visitor language, higher proficiency first (minSpeakerProficiency)', () => {
    const { engine, offers } = setupEngine();
    engine.upsertWorker({ id: 'en-only', languages: ['en'], state: 'available', idleSince: 1 }); // idle longest
    engine.upsertWorker({ id: 'ja3', languages: { ja: 3, en: 5 }, state: 'available', idleSince: 2 });
    engine.upsertWorker({ id: 'ja5', languages: { ja: 5 }, state: 'available', idleSince: 3 });
    engine.upsertWorker({ id: 'ja2', languages: { ja: 2 }, state: 'available', idleSince: 0 }); // below 3: not a speaker
    engine.enqueue({ id: 't1', language: 'ja', priority: 5 });
    expect(offers.map((o) => [o.workerId, o.needsTranslation])).toEqual([['ja5', false]]);
    engine.decline(offers[0]!.offerId, 'ja5');
    expect(offers.at(-1)).toMatchObject({ workerId: 'ja3', needsTranslation: false });
    // Only speakers are eligible before the language fallback: all declined -> new round.
    engine.decline(offers.at(-1)!.offerId, 'ja3');
    expect(offers.at(-1)?.workerId).toBe('ja5');
    expect(invariantViolations(engine)).toEqual([]);
  });

  it('offers to a non-speaker only after languageFallbackMs, with needsTranslation', () => {
    const { engine, offers, clock } = setupEngine({ languageFallbackMs: 60_000 });
    engine.upsertWorker({ id: 'en-only', languages: ['en'], state: 'available', idleSince: 1 });
    engine.upsertWorker({ id: 'ja-weak', languages: { ja: 2, en: 5 }, state: 'available', idleSince: 2 });
    engine.enqueue({ id: 't1', language: 'ja', priority: 5 });
    clock.advance(59_999);
    expect(offers).toHaveLength(0);
    expect(invariantViolations(engine)).toEqual([]);
    clock.advance(1);
    // Both need translation now; some proficiency ranks above none, before idle time.
    expect(offers).toEqual([expect.objectContaining({ taskId: 't1', workerId: 'ja-weak', needsTranslation: true })]);
    // A speaker is still preferred after the fallback.
    engine.upsertWorker({ id: 'ja', languages: ['ja'], state: 'available' });
    engine.enqueue({ id: 't2', language: 'ja', priority: 5 });
    expect(offers.at(-1)).toMatchObject({ taskId: 't2', workerId: 'ja', needsTranslation: false });
  });

  it('requires the department, and falls back to general after departmentFallbackMs', () => {
    const { engine, offers, clock } = setupEngine({ departmentFallbackMs: 90_000 });
    engine.upsertWorker({ id: 'gen', languages: ['en'], departments: ['general'], state: 'available', idleSince: 1 });
    engine.upsertWorker({ id: 'env', languages: ['en'], departments: ['environment'], state: 'available', idleSince: 2 });
    engine.enqueue({ id: 'tax1', language: 'en', priority: 5, department: 'tax' });
    clock.advance(89_999);
    expect(offers).toHaveLength(0);
    clock.advance(1);
    expect(offers).toEqual([expect.objectContaining({ taskId: 'tax1', workerId: 'gen', queue: 'tax' })]);
    // A worker of the exact department is preferred even if idle for less time.
    engine.upsertWorker({ id: 'tax', languages: ['en'], departments: ['tax'], state: 'available', idleSince: 50 });
    engine.upsertWorker({ id: 'gen2', languages: ['en'], departments: ['general'], state: 'available', idleSince: 0 });
    engine.enqueue({ id: 'tax2', language: 'en', priority: 5, department: 'tax' });
    expect(offers.at(-1)).toMatchObject({ taskId: 'tax2', workerId: 'tax' });
    // The environment worker never takes tax work.
    expect(offers.some((o) => o.workerId === 'env')).toBe(false);
  });

  it('requires level >= minLevel, with no fallback', () => {
    const { engine, offers, clock } = setupEngine();
    engine.upsertWorker({ id: 'tier1', languages: ['en'], level: 1, state: 'available' });
    engine.enqueue({ id: 't', language: 'en', priority: 5, minLevel: 2 });
    clock.advance(3_600_000);
    expect(offers).toHaveLength(0);
    engine.upsertWorker({ id: 'tier3', languages: ['en'], level: 3, state: 'available' });
    expect(offers).toEqual([expect.objectContaining({ taskId: 't', workerId: 'tier3' })]);
  });

  it('honours capacity > 1: one open offer per slot, never more work than slots', () => {
    const { engine, offers, clock } = setupEngine({ wrapUpMs: 1_000 });
    engine.upsertWorker({ id: 'chat', languages: ['en'], capacity: 2, state: 'available' });
    for (const id of ['a', 'b', 'c']) engine.enqueue({ id, language: 'en', priority: 5, createdAt: clock.now() + id.charCodeAt(0) });
    expect(offers.map((o) => o.taskId)).toEqual(['a', 'b']);
    engine.accept(offers[0]!.offerId, 'chat');
    engine.accept(offers[1]!.offerId, 'chat');
    expect(engine.worker('chat')).toMatchObject({ state: 'busy', activeTasks: ['a', 'b'], freeSlots: 0 });
    expect(offers).toHaveLength(2);
    engine.completeTask('a');
    expect(engine.worker('chat')).toMatchObject({ state: 'busy', wrapUpSlots: 1, freeSlots: 0 });
    clock.advance(1_000);
    expect(offers.at(-1)).toMatchObject({ taskId: 'c', workerId: 'chat' });
    expect(invariantViolations(engine)).toEqual([]);
  });

  it('offers to the longest idle among equal workers (fairness), idle time restarting after a task', () => {
    const { engine, offers, clock } = setupEngine({ wrapUpMs: 0 });
    engine.upsertWorker({ id: 'w1', languages: ['en'], state: 'available', idleSince: 300 });
    engine.upsertWorker({ id: 'w2', languages: ['en'], state: 'available', idleSince: 100 });
    engine.upsertWorker({ id: 'w3', languages: ['en'], state: 'available', idleSince: 200 });
    engine.enqueue({ id: 't1', language: 'en', priority: 5 });
    expect(offers.at(-1)?.workerId).toBe('w2');
    engine.accept(offers.at(-1)!.offerId, 'w2');
    clock.advance(1_000);
    engine.completeTask('t1'); // w2 idle since now: the shortest
    engine.enqueue({ id: 't2', language: 'en', priority: 5 });
    expect(offers.at(-1)?.workerId).toBe('w3');
    engine.enqueue({ id: 't3', language: 'en', priority: 5 });
    expect(offers.at(-1)?.workerId).toBe('w1');
    engine.enqueue({ id: 't4', language: 'en', priority: 5 });
    expect(offers.at(-1)?.workerId).toBe('w2');
  });
});

describe('RoutingEngine queue order', () => {
  it('serves safety (0) first, then lower priority numbers, then the oldest', () => {
    const { engine, offers, clock } = setupEngine();
    engine.enqueue({ id: 'old-normal', language: 'en', priority: 5 });
    clock.advance(1_000);
    engine.enqueue({ id: 'new-normal', language: 'en', priority: 5 });
    engine.enqueue({ id: 'sensitive', language: 'en', priority: 3 });
    engine.enqueue({ id: 'safety', language: 'en', priority: 0 });
    expect(engine.queuedTaskIds()).toEqual(['safety', 'sensitive', 'old-normal', 'new-normal']);
    expect(engine.queueStatus('new-normal')?.position).toBe(4);
    engine.upsertWorker({ id: 'w', languages: ['en'], state: 'available' });
    expect(offers[0]?.taskId).toBe('safety');
  });

  it('ages priority (agingStepPerMinute) so an old low-priority task overtakes newer higher-priority ones', () => {
    // step 0.5/min: a priority-5 task beats a priority-3 task created more than 4 min later.
    const { engine, clock } = setupEngine({ agingStepPerMinute: 0.5 });
    engine.enqueue({ id: 'low-old', language: 'en', priority: 5 });
    clock.advance(3 * 60_000);
    engine.enqueue({ id: 'high-3min-later', language: 'en', priority: 3 });
    clock.advance(2 * 60_000);
    engine.enqueue({ id: 'high-5min-later', language: 'en', priority: 3 });
    expect(engine.queuedTaskIds()).toEqual(['high-3min-later', 'low-old', 'high-5min-later']);
    expect(engine.task('low-old')?.effectivePriority).toBe(2.5);
    // Starvation check: after an hour the low task is first of all normal tasks...
    clock.advance(60 * 60_000);
    engine.enqueue({ id: 'vulnerable', language: 'en', priority: 1 });
    expect(engine.queuedTaskIds()[0]).toBe('high-3min-later');
    expect(engine.queuedTaskIds().indexOf('low-old')).toBeLessThan(engine.queuedTaskIds().indexOf('vulnerable'));
    // ...but aging never lifts anything above safety (agingMinPriority = 1).
    engine.enqueue({ id: 'safety', language: 'en', priority: 0 });
    expect(engine.queuedTaskIds()[0]).toBe('safety');
    engine.upsertWorker({ id: 'w', languages: ['en'], state: 'available' });
    expect(engine.openOffers().map((o) => o.taskId)).toEqual(['safety']);
  });

  it('does not age when agingStepPerMinute is 0', () => {
    const { engine, clock } = setupEngine({ agingStepPerMinute: 0 });
    engine.enqueue({ id: 'low-old', language: 'en', priority: 5 });
    clock.advance(10 * 60 * 60_000);
    engine.enqueue({ id: 'high-new', language: 'en', priority: 3 });
    expect(engine.queuedTaskIds()).toEqual(['high-new', 'low-old']);
  });

  it('keeps one queue per department; positions are within the queue', () => {
    const { engine } = setupEngine();
    engine.enqueue({ id: 'g1', language: 'en', priority: 5 });
    engine.enqueue({ id: 'tax1', language: 'en', priority: 5, department: 'tax' });
    engine.enqueue({ id: 'g2', language: 'en', priority: 5 });
    expect(engine.queuedTaskIds('general')).toEqual(['g1', 'g2']);
    expect(engine.queuedTaskIds('tax')).toEqual(['tax1']);
    expect(engine.queueStatus('tax1')).toMatchObject({ queue: 'tax', position: 1, queueLength: 1 });
    expect(engine.queueStatus('g2')).toMatchObject({ queue: 'general', position: 2, queueLength: 2 });
    expect(engine.queueSizes()).toEqual({ general: 2, tax: 1 });
  });

  it('raises a waiting task to safety: first in the default queue, any worker, age kept, never lowered', () => {
    const { engine, offers, clock } = setupEngine({ departmentFallbackMs: 10 * 60_000 });
    engine.enqueue({ id: 'first', language: 'en', priority: 5 });
    clock.advance(1_000);
    engine.enqueue({ id: 'tax-visitor', language: 'en', priority: 5, department: 'tax' });
    const createdAt = engine.task('tax-visitor')!.createdAt;
    // Nobody of the tax department: an environment worker cannot take it before the fallback.
    engine.upsertWorker({ id: 'env', languages: ['de'], departments: ['environment'], state: 'available' });
    expect(offers.filter((o) => o.taskId === 'tax-visitor')).toHaveLength(0);
    clock.advance(5_000);
    const raised = engine.raisePriority('tax-visitor', 0);
    expect(raised).toMatchObject({ priority: 0, department: 'general', createdAt, state: 'queued' });
    // Safety goes to any available worker at once (safetyToAnyWorker), whatever department or language.
    expect(offers.at(-1)).toMatchObject({ taskId: 'tax-visitor', workerId: 'env', needsTranslation: true });
    expect(engine.raisePriority('tax-visitor', 5)?.priority).toBe(0);
    expect(engine.raisePriority('unknown', 0)).toBeUndefined();
    expect(invariantViolations(engine)).toEqual([]);
  });

  it('puts a raised task ahead of older normal tasks in its new queue', () => {
    const { engine } = setupEngine();
    engine.enqueue({ id: 'g1', language: 'en', priority: 5 });
    engine.enqueue({ id: 'g2', language: 'en', priority: 5 });
    engine.enqueue({ id: 'g3', language: 'en', priority: 5 });
    engine.raisePriority('g3', 0);
    expect(engine.queuedTaskIds('general')).toEqual(['g3', 'g1', 'g2']);
    expect(engine.queueStatus('g3')?.position).toBe(1);
    expect(invariantViolations(engine)).toEqual([]);
  });

  it('restricts workers with sites to tasks of those sites', () => {
    const { engine, offers } = setupEngine();
    engine.upsertWorker({ id: 'north', languages: ['en'], sites: ['north-hall'], state: 'available' });
    engine.enqueue({ id: 'south-task', language: 'en', priority: 5, site: 'south-hall' });
    expect(offers).toHaveLength(0);
    engine.enqueue({ id: 'north-task', language: 'en', priority: 5, site: 'north-hall' });
    expect(offers.map((o) => o.taskId)).toEqual(['north-task']);
  });
});

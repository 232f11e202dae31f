import { describe, expect, it } from 'vitest';
import { TaskRouter, type Clock, type OpenOffer } from './router.ts';

/** A manual clock: timers fire only when the test advances time. */
class FakeClock implements Clock {
  t = 1_000_000;
  private timers = new Map<number, { at: number; fn: () => void }>();
  private seq = 0;
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  };
  clearTimeout = (h: unknown) => void this.timers.delete(h as number);
  advance(ms: number) {
    this.t += ms;
    for (const [id, timer] of [...this.timers].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at <= this.t && this.timers.delete(id)) timer.fn();
    }
  }
}

function setup(offerTimeoutMs = 20_000) {
  const clock = new FakeClock();
  const offers: OpenOffer[] = [];
  const revoked: [OpenOffer, string][] = [];
  let n = 0;
  const router = new TaskRouter({
    offerTimeoutMs,
    avgHandleMs: 240_000,
    clock,
    newId: () => `offer-${++n}`,
    events: { offer: (o) => offers.push(o), offerRevoked: (o, r) => revoked.push([o, r]), queueChanged: () => {} },
  });
  return { clock, router, offers, revoked };
}

describe('TaskRouter', () => {
  it('offers to one worker only and prefers a worker who speaks the language', () => {
    const { router, offers } = setup();
    router.upsertWorker({ workerId: 'sam', languages: ['en'], available: true });
    router.upsertWorker({ workerId: 'aiko', languages: ['ja', 'en'], available: true });
    router.enqueue({ sessionId: 's1', language: 'ja', priority: 5, enqueuedAt: 0 });
    expect(offers).toEqual([expect.objectContaining({ sessionId: 's1', workerId: 'aiko' })]);
  });

  it('re-offers to the next worker on decline, and starts a new round when all declined', () => {
    const { router, offers, revoked } = setup();
    router.upsertWorker({ workerId: 'a', languages: ['en'], available: true, availableSince: 1 });
    router.upsertWorker({ workerId: 'b', languages: ['en'], available: true, availableSince: 2 });
    router.enqueue({ sessionId: 's1', language: 'en', priority: 5, enqueuedAt: 0 });
    expect(offers.at(-1)?.workerId).toBe('a'); // longest idle first
    expect(router.decline(offers.at(-1)!.offerId, 'a')).toBe(true);
    expect(revoked.at(-1)?.[1]).toBe('declined');
    expect(offers.at(-1)?.workerId).toBe('b');
    router.decline(offers.at(-1)!.offerId, 'b');
    expect(offers.at(-1)?.workerId).toBe('a');
    expect(offers).toHaveLength(3);
  });

  it('times out an offer after offerTimeoutMs, marks the worker unavailable and re-offers', () => {
    const { router, offers, revoked, clock } = setup(20_000);
    router.upsertWorker({ workerId: 'a', languages: ['en'], available: true, availableSince: 1 });
    router.upsertWorker({ workerId: 'b', languages: ['en'], available: true, availableSince: 2 });
    router.enqueue({ sessionId: 's1', language: 'en', priority: 5, enqueuedAt: 0 });
    clock.advance(19_999);
    expect(revoked).toHaveLength(0);
    clock.advance(1);
    expect(revoked).toEqual([[expect.objectContaining({ workerId: 'a' }), 'timeout']]);
    expect(offers.at(-1)?.workerId).toBe('b');
    clock.advance(20_000);
    // Nobody left available: the task waits in the queue, it is not lost.
    expect(offers).toHaveLength(2);
    expect(router.queueStatus('s1')).toMatchObject({ position: 1, availableWorkers: 0, offered: false });
  });

  it('serves higher priority first, then the oldest', () => {
    const { router, offers } = setup();
    router.enqueue({ sessionId: 'old-normal', language: 'en', priority: 5, enqueuedAt: 1 });
    router.enqueue({ sessionId: 'new-normal', language: 'en', priority: 5, enqueuedAt: 2 });
    router.enqueue({ sessionId: 'safety', language: 'en', priority: 0, enqueuedAt: 3 });
    expect(router.queuedSessionIds()).toEqual(['safety', 'old-normal', 'new-normal']);
    expect(router.queueStatus('new-normal')?.position).toBe(3);
    router.upsertWorker({ workerId: 'a', languages: ['en'], available: true });
    expect(offers[0]?.sessionId).toBe('safety');
  });

  it('claim removes the task; a claimed or foreign offer cannot be claimed again', () => {
    const { router, offers } = setup();
    router.upsertWorker({ workerId: 'a', languages: ['en'], available: true });
    router.enqueue({ sessionId: 's1', language: 'en', priority: 5, enqueuedAt: 0 });
    const id = offers[0]!.offerId;
    expect(router.claim(id, 'b')).toBeUndefined();
    expect(router.claim(id, 'a')?.sessionId).toBe('s1');
    expect(router.claim(id, 'a')).toBeUndefined();
    expect(router.queueStatus('s1')).toBeUndefined();
  });

  it('revokes the offer when the visitor leaves or the worker goes away', () => {
    const { router, offers, revoked } = setup();
    router.upsertWorker({ workerId: 'a', languages: ['en'], available: true });
    router.enqueue({ sessionId: 's1', language: 'en', priority: 5, enqueuedAt: 0 });
    router.removeTask('s1');
    expect(revoked.at(-1)).toEqual([expect.objectContaining({ sessionId: 's1' }), 'abandoned']);
    router.enqueue({ sessionId: 's2', language: 'en', priority: 5, enqueuedAt: 0 });
    router.upsertWorker({ workerId: 'a', languages: ['en'], available: false });
    expect(revoked.at(-1)).toEqual([expect.objectContaining({ sessionId: 's2' }), 'abandoned']);
    expect(offers).toHaveLength(2);
  });
});

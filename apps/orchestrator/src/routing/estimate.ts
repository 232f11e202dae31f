/**
 * Estimated wait of a queued task (ms, integer). A linear, Erlang-free rule of thumb
 * ("tasks ahead / agents x average handle time", as in the usual contact-center
 * expected-wait approximations):
 *
 *   answer = min(offerTimeoutMs, offerAnswerMs)           time for a worker to pick up
 *   if offered, or ahead < free:   wait = answer
 *   else:                          wait = answer + (ahead + 1 - free) x avgHandleMs / max(1, staffed)
 *
 * where `ahead` = tasks before it in its queue (position - 1), `free` = eligible workers
 * available with a free slot now, `staffed` = slots of eligible workers logged in and not away
 * (available, busy or in wrap-up). With nobody staffed it assumes one worker will come
 * (never 0, never Infinity). `avgHandleMs` is learnt (EWMA of accept-to-complete times, see
 * `RoutingConfig.handleTimeSmoothing`).
 */
export function estimateWaitMs(p: { ahead: number; free: number; staffed: number; offered: boolean; avgHandleMs: number; offerTimeoutMs: number; offerAnswerMs: number }): number {
  const answer = Math.min(p.offerTimeoutMs, p.offerAnswerMs);
  if (p.offered || p.ahead < p.free) return Math.round(answer);
  return Math.round(answer + ((p.ahead + 1 - p.free) * p.avgHandleMs) / Math.max(1, p.staffed));
}

import type { Language } from '@telekiosk/shared';
import type { AwayReason, Department, Presence } from './types.ts';

/**
 * The routing store: what routing must keep across a restart (and, in a cluster, what a
 * standby reads when it takes over). The database implementation is `db/routingStore.ts`;
 * {@link MemoryRoutingStore} below is the in-memory one for tests and benchmarks. Times are
 * ms since the epoch. Every method throws the store's error on failure (the caller decides).
 */
export interface RoutingStore {
  /**
   * Tasks of every escalated session that has not ended, reconciled with the session's state:
   * a queued session gives a `queued` task, a session in a call an `assigned` one on its worker
   * (the session row is the truth; a session queued without a task row gets one from its
   * escalation time and priority 5).
   */
  loadTasks(): Promise<StoredTask[]>;
  /** Open offers (any deadline; expired ones are timed out by the caller). */
  loadOpenOffers(): Promise<StoredOffer[]>;
  /** Presence of every worker with a presence row, with the profile routing needs. */
  loadWorkers(): Promise<StoredWorkerPresence[]>;
  /** Inserts or replaces a task. */
  saveTask(t: StoredTask): Promise<void>;
  /** Deletes the task of a session (it ended or went back to the assistant). */
  deleteTask(sessionId: string): Promise<void>;
  /** Inserts an open offer. */
  insertOffer(o: StoredOffer): Promise<void>;
  /**
   * Claims an open offer for its worker at `at` (ms): open and not expired -> accepted, atomically;
   * false when it is no longer open (taken, declined, timed out) or belongs to someone else.
   */
  claimOffer(offerId: string, workerId: string, at: number): Promise<boolean>;
  /** Closes an offer that is still open (a closed one is left as it is). */
  closeOffer(offerId: string, outcome: OfferOutcome, reason: string, at: number): Promise<void>;
  /** Inserts or updates a worker's routing presence (not the connection fields). */
  savePresence(p: StoredPresence): Promise<void>;
  /** Records a worker's console connection state (`at` = when it dropped, for the reconnect grace); creates the presence row (`away`) if missing. */
  setConnected(workerId: string, connected: boolean, at: number): Promise<void>;
}

/** A routing task as stored: the queue entry of one escalated session. */
export interface StoredTask {
  sessionId: string;
  /** Device of the session (for queue status pushes). */
  deviceId: string;
  language: Language;
  /** Lower is served first; 0 = safety. */
  priority: number;
  department: Department;
  minLevel: number;
  site: string | null;
  /** First enqueue (ms): age and aging count from here. */
  createdAt: number;
  /** Entry into the current queue (ms): eligibility fallbacks count from here. */
  queuedAt: number;
  atHead: boolean;
  state: 'queued' | 'assigned';
  workerId: string | null;
  assignedAt: number | null;
}

/** What kind of offer: routed by the engine, a warm transfer, or a supervisor's reassignment. */
export type OfferKind = 'routed' | 'transfer' | 'reassign';

/** An offer (reservation) as stored. */
export interface StoredOffer {
  offerId: string;
  sessionId: string;
  workerId: string;
  kind: OfferKind;
  /** Worker (or supervisor) who transferred or reassigned; null for routed offers. */
  fromWorkerId: string | null;
  /** Note of a transfer. */
  note: string | null;
  needsTranslation: boolean;
  createdAt: number;
  /** Deadline (ms). */
  expiresAt: number;
}

/** How an offer closed. */
export type OfferOutcome = 'accepted' | 'declined' | 'timeout' | 'revoked';

/** A worker's routing presence as stored. */
export interface StoredPresence {
  workerId: string;
  presence: Presence;
  awayReason: AwayReason | null;
  /** Idle since (ms): longest idle is offered first. */
  idleSince: number;
  /** End of the running wrap-up (ms), or null. */
  wrapUpUntil: number | null;
  /** Derived state as routing last reported it (busy, wrap_up, ...), for nodes that do not route. */
  state?: string;
}

/** Presence with connection state and the profile routing needs (languages, departments, level). */
export interface StoredWorkerPresence extends StoredPresence {
  connected: boolean;
  /** When the last console socket dropped (ms), or null. */
  disconnectedAt: number | null;
  languages: Language[];
  departments: string[];
  level: number;
}

/**
 * In-memory routing store (tests, benchmarks, and the reference semantics of the interface).
 * `failing` makes every write reject, to test outage handling.
 */
export class MemoryRoutingStore implements RoutingStore {
  readonly tasks = new Map<string, StoredTask>();
  readonly offers = new Map<string, StoredOffer & { status: 'open' | OfferOutcome; reason: string | null }>();
  readonly presence = new Map<string, StoredWorkerPresence>();
  /** Profiles for {@link loadWorkers} (languages etc.), by worker id. */
  readonly profiles = new Map<string, { languages: Language[]; departments: string[]; level: number }>();
  failing = false;

  private check() {
    if (this.failing) return Promise.reject(new Error('routing store unavailable'));
    return Promise.resolve();
  }
  async loadTasks() {
    return [...this.tasks.values()].map((t) => ({ ...t }));
  }
  async loadOpenOffers() {
    return [...this.offers.values()].filter((o) => o.status === 'open').map(({ status: _s, reason: _r, ...o }) => o);
  }
  async loadWorkers() {
    return [...this.presence.values()].map((p) => ({ ...p }));
  }
  async saveTask(t: StoredTask) {
    await this.check();
    this.tasks.set(t.sessionId, { ...t });
  }
  async deleteTask(sessionId: string) {
    await this.check();
    this.tasks.delete(sessionId);
  }
  async insertOffer(o: StoredOffer) {
    await this.check();
    for (const x of this.offers.values()) if (x.sessionId === o.sessionId && x.status === 'open') throw new Error(`session ${o.sessionId} already has an open offer`);
    this.offers.set(o.offerId, { ...o, status: 'open', reason: null });
  }
  async claimOffer(offerId: string, workerId: string, at: number) {
    await this.check();
    const o = this.offers.get(offerId);
    if (!o || o.status !== 'open' || o.workerId !== workerId || o.expiresAt <= at) return false;
    Object.assign(o, { status: 'accepted', reason: 'accepted' });
    return true;
  }
  async closeOffer(offerId: string, outcome: OfferOutcome, reason: string) {
    await this.check();
    const o = this.offers.get(offerId);
    if (o && o.status === 'open') Object.assign(o, { status: outcome, reason });
  }
  async savePresence(p: StoredPresence) {
    await this.check();
    const prev = this.presence.get(p.workerId);
    const profile = this.profiles.get(p.workerId) ?? { languages: [], departments: ['general'], level: 1 };
    this.presence.set(p.workerId, { connected: false, disconnectedAt: null, ...profile, ...prev, ...p });
  }
  async setConnected(workerId: string, connected: boolean, at: number) {
    await this.check();
    const p = this.presence.get(workerId);
    if (p) Object.assign(p, { connected, disconnectedAt: connected ? null : at });
    else this.presence.set(workerId, { workerId, presence: 'away', awayReason: null, idleSince: at, wrapUpUntil: null, connected, disconnectedAt: connected ? null : at, ...(this.profiles.get(workerId) ?? { languages: [], departments: ['general'], level: 1 }) });
  }
}

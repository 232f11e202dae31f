import type { Kysely } from 'kysely';
import { Language } from '@telekiosk/shared';
import type { OfferKind, OfferOutcome, RoutingStore, StoredOffer, StoredPresence, StoredTask, StoredWorkerPresence } from '../routing/store.ts';
import type { AwayReason, Presence } from '../routing/types.ts';
import type { DatabaseSchema } from './schema.ts';

const ms = (d: Date | string | null): number | null => (d === null ? null : new Date(d).getTime());

/**
 * {@link RoutingStore} in PostgreSQL / PGlite: tables `routing_tasks`, `offers` and
 * `worker_presence` (migration 0006). Session rows stay the truth for a session's state:
 * {@link loadTasks} reconciles tasks with them.
 */
export class SqlRoutingStore implements RoutingStore {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async loadTasks(): Promise<StoredTask[]> {
    // Every queued or in-call session, with its task row when there is one.
    const rows = await this.db
      .selectFrom('sessions as s')
      .leftJoin('routing_tasks as t', 't.session_id', 's.id')
      .select([
        's.id as session_id', 's.device_id', 's.language as session_language', 's.state as session_state', 's.worker_id as session_worker', 's.escalated_at', 's.answered_at', 's.created_at as session_created',
        't.language', 't.priority', 't.department', 't.min_level', 't.site', 't.created_at', 't.queued_at', 't.at_head', 't.assigned_at',
      ])
      .where('s.state', 'in', ['queued', 'in_call'])
      .execute();
    // Tasks of sessions that left the queue (ended, handed back) while no process was routing.
    await this.db.deleteFrom('routing_tasks').where('session_id', 'in', (eb) => eb.selectFrom('sessions').select('id').where('state', 'not in', ['queued', 'in_call'])).execute();
    return rows.map((r) => {
      const escalated = ms(r.escalated_at) ?? ms(r.session_created)!;
      const queued = r.session_state === 'queued';
      return {
        sessionId: r.session_id,
        deviceId: r.device_id,
        language: Language.catch('en').parse(r.language ?? r.session_language),
        priority: r.priority ?? 5,
        department: r.department ?? 'general',
        minLevel: r.min_level ?? 1,
        site: r.site ?? null,
        createdAt: ms(r.created_at) ?? escalated,
        queuedAt: ms(r.queued_at) ?? escalated,
        atHead: queued ? (r.at_head ?? false) : false,
        state: queued ? 'queued' : 'assigned',
        workerId: queued ? null : r.session_worker,
        assignedAt: queued ? null : (ms(r.assigned_at) ?? ms(r.answered_at)),
      } satisfies StoredTask;
    });
  }

  async loadOpenOffers(): Promise<StoredOffer[]> {
    const rows = await this.db.selectFrom('offers').selectAll().where('status', '=', 'open').orderBy('created_at').execute();
    return rows.map((r) => ({
      offerId: r.id,
      sessionId: r.session_id,
      workerId: r.worker_id,
      kind: r.kind as OfferKind,
      fromWorkerId: r.from_worker_id,
      note: r.note,
      needsTranslation: r.needs_translation,
      createdAt: ms(r.created_at)!,
      expiresAt: ms(r.expires_at)!,
    }));
  }

  async loadWorkers(): Promise<StoredWorkerPresence[]> {
    const rows = await this.db.selectFrom('worker_presence as p').innerJoin('workers as w', 'w.id', 'p.worker_id').selectAll('p').select(['w.languages', 'w.departments', 'w.level']).execute();
    return rows.map((r) => ({
      workerId: r.worker_id,
      presence: r.presence as Presence,
      awayReason: r.away_reason as AwayReason | null,
      idleSince: ms(r.idle_since)!,
      wrapUpUntil: ms(r.wrap_up_until),
      connected: r.connected,
      disconnectedAt: ms(r.disconnected_at),
      languages: Language.array().catch([]).parse(r.languages),
      departments: Array.isArray(r.departments) ? r.departments.map(String) : ['general'],
      level: r.level ?? 1,
    }));
  }

  async saveTask(t: StoredTask): Promise<void> {
    const values = {
      session_id: t.sessionId,
      language: t.language,
      priority: t.priority,
      department: t.department,
      min_level: t.minLevel,
      site: t.site,
      created_at: new Date(t.createdAt),
      queued_at: new Date(t.queuedAt),
      at_head: t.atHead,
      state: t.state,
      worker_id: t.workerId,
      assigned_at: t.assignedAt === null ? null : new Date(t.assignedAt),
      updated_at: new Date(),
    };
    const { session_id: _id, ...update } = values;
    await this.db.insertInto('routing_tasks').values(values).onConflict((oc) => oc.column('session_id').doUpdateSet(update)).execute();
  }

  async deleteTask(sessionId: string): Promise<void> {
    await this.db.deleteFrom('routing_tasks').where('session_id', '=', sessionId).execute();
  }

  async insertOffer(o: StoredOffer): Promise<void> {
    await this.db
      .insertInto('offers')
      .values({ id: o.offerId, session_id: o.sessionId, worker_id: o.workerId, kind: o.kind, from_worker_id: o.fromWorkerId, note: o.note, needs_translation: o.needsTranslation, created_at: new Date(o.createdAt), expires_at: new Date(o.expiresAt), status: 'open', closed_at: null, close_reason: null })
      .execute();
  }

  async claimOffer(offerId: string, workerId: string, at: number): Promise<boolean> {
    const r = await this.db
      .updateTable('offers')
      .set({ status: 'accepted', close_reason: 'accepted', closed_at: new Date(at) })
      .where('id', '=', offerId)
      .where('worker_id', '=', workerId)
      .where('status', '=', 'open')
      .where('expires_at', '>', new Date(at))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async closeOffer(offerId: string, outcome: OfferOutcome, reason: string, at: number): Promise<void> {
    await this.db.updateTable('offers').set({ status: outcome, close_reason: reason, closed_at: new Date(at) }).where('id', '=', offerId).where('status', '=', 'open').execute();
  }

  async savePresence(p: StoredPresence): Promise<void> {
    const values = { presence: p.presence, away_reason: p.awayReason, idle_since: new Date(p.idleSince), wrap_up_until: p.wrapUpUntil === null ? null : new Date(p.wrapUpUntil), updated_at: new Date(), ...(p.state ? { state: p.state } : {}) };
    await this.db.insertInto('worker_presence').values({ worker_id: p.workerId, connected: false, disconnected_at: null, ...values }).onConflict((oc) => oc.column('worker_id').doUpdateSet(values)).execute();
  }

  async setConnected(workerId: string, connected: boolean, at: number): Promise<void> {
    const values = { connected, disconnected_at: connected ? null : new Date(at), updated_at: new Date() };
    await this.db
      .insertInto('worker_presence')
      .values({ worker_id: workerId, presence: 'away', away_reason: null, idle_since: new Date(at), wrap_up_until: null, ...values })
      .onConflict((oc) => oc.column('worker_id').doUpdateSet(values))
      .execute();
  }
}

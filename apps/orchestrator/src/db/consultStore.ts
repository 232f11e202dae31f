import type { Kysely } from 'kysely';
import type { DatabaseSchema } from './schema.ts';

/** Phase of a consult row: offered with a warm transfer, going on (visitor on hold), or three-way. */
export type ConsultRowPhase = 'offered' | 'consult' | 'three_way';

/** Warm transfers with a private consult (`call_consults`, migration 0008); see sessions/consults.ts. */
export class ConsultStore {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** Records (or replaces) a consult offered from `fromWorker` to `toWorker`. */
  async offer(sessionId: string, fromWorker: string, toWorker: string, at: Date): Promise<void> {
    await this.db
      .insertInto('call_consults')
      .values({ session_id: sessionId, from_worker: fromWorker, to_worker: toWorker, phase: 'offered', created_at: at })
      .onConflict((oc) => oc.column('session_id').doUpdateSet({ from_worker: fromWorker, to_worker: toWorker, phase: 'offered', created_at: at }))
      .execute();
  }

  /** The consult of a call, if any. */
  async get(sessionId: string): Promise<{ fromWorker: string; toWorker: string; phase: ConsultRowPhase } | undefined> {
    const r = await this.db.selectFrom('call_consults').selectAll().where('session_id', '=', sessionId).executeTakeFirst();
    return r ? { fromWorker: r.from_worker, toWorker: r.to_worker, phase: r.phase as ConsultRowPhase } : undefined;
  }

  /** The consult a worker is part of now (either side, not merely offered), if any. */
  async ofWorker(workerId: string): Promise<{ sessionId: string; fromWorker: string; toWorker: string; phase: 'consult' | 'three_way' } | undefined> {
    const r = await this.db
      .selectFrom('call_consults')
      .selectAll()
      .where((eb) => eb.or([eb('from_worker', '=', workerId), eb('to_worker', '=', workerId)]))
      .where('phase', 'in', ['consult', 'three_way'])
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    return r ? { sessionId: r.session_id, fromWorker: r.from_worker, toWorker: r.to_worker, phase: r.phase as 'consult' | 'three_way' } : undefined;
  }

  /** Moves a consult from phase `from` to `to`; false when it was not in `from` (a concurrent change won). */
  async setPhase(sessionId: string, from: 'offered' | 'consult', to: 'consult' | 'three_way'): Promise<boolean> {
    const r = await this.db.updateTable('call_consults').set({ phase: to }).where('session_id', '=', sessionId).where('phase', '=', from).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** Forgets a call's consult; returns it when there was one. */
  async end(sessionId: string): Promise<{ fromWorker: string; toWorker: string } | undefined> {
    const r = await this.db.deleteFrom('call_consults').where('session_id', '=', sessionId).returning(['from_worker', 'to_worker']).executeTakeFirst();
    return r ? { fromWorker: r.from_worker, toWorker: r.to_worker } : undefined;
  }
}

import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type OperationNodeSource, type RawBuilder, type Transaction } from 'kysely';
import {
  cleanText,
  HandoffPackage,
  Language,
  Role,
  TranscriptEntry,
  type DeviceStatus,
  type HandoffPackage as HandoffPackageT,
  type SessionState,
  type SessionView,
  type Speaker,
  type Translation,
  type TranscriptEntry as TranscriptEntryT,
} from '@telekiosk/shared';
import { ClusterStore } from './clusterStore.ts';
import { ConsultStore } from './consultStore.ts';
import { FleetStore } from './fleetStore.ts';
import type { AlertRow, CallbackRow, DatabaseSchema, DeviceRow, SessionRow, TranscriptRow, WorkerRow } from './schema.ts';

type Db = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** Maps a session row to the wire view. */
export function toSessionView(r: SessionRow): SessionView {
  return {
    id: r.id,
    deviceId: r.device_id,
    language: Language.parse(r.language),
    state: r.state as SessionState,
    workerId: r.worker_id,
    createdAt: iso(r.created_at)!,
    escalatedAt: iso(r.escalated_at),
    endedAt: iso(r.ended_at),
    disposition: r.disposition,
    rating: r.rating,
  };
}

/** An audit event of a session change, stored in the same statement as the change (see `Store.changeSession`). */
export interface SessionEvent {
  /** Event type, e.g. `started`, `escalated`, `accepted`, `ended`, `rated`. */
  type: string;
  /** Who caused it: `device:<id>`, `worker:<id>` or `system`. */
  actor: string;
  /** Details (PII-redacted like every stored event). */
  data?: Record<string, unknown>;
}

/** A worker as stored, without the password hash. */
export interface StoredWorker {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  languages: Language[];
  /** Department queues served (default `general`). */
  departments?: string[];
  /** Tier 1..3 (default 1). */
  level?: number;
}

function toWorker(r: WorkerRow): StoredWorker {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: Role.parse(r.role),
    languages: Language.array().parse(r.languages),
    departments: Array.isArray(r.departments) ? r.departments.map(String) : ['general'],
    level: r.level ?? 1,
  };
}

/** New transcript line (id, seq and time are assigned by the store). */
export interface NewTranscriptEntry {
  sessionId: string;
  /** Client-generated request id (idempotent retries), when the line comes from a client request. */
  clientId?: string | null;
  speaker: Speaker;
  text: string;
  language: Language;
  translation: Translation | null;
  translationStatus: TranscriptEntryT['translationStatus'];
}

/**
 * Persistence of sessions, transcripts, handoff packages, workers and the audit trail (devices
 * and alerts in {@link FleetStore}, `store.fleet`). The only module that writes SQL (through Kysely). Methods throw the database's errors.
 */
export class Store {
  /** Warm transfers with a private consult (`call_consults`). */
  readonly consults: ConsultStore;
  /** Where sockets and media rooms live in a cluster (`connections`, `nodes`, `media_rooms`). */
  readonly cluster: ClusterStore;
  /** Devices, their telemetry and alerts (`devices`, `telemetry_samples`, `alerts`). */
  readonly fleet: FleetStore;

  /**
   * @param opts.redact PII redaction applied to what is stored (transcript lines and their
   *   translations, handoff packages, intake facts, session event data); the live pushes carry the original.
   */
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly opts: { redact?: { text(s: string): string; deep<T>(v: T): T } } = {},
  ) {
    this.consults = new ConsultStore(db);
    this.cluster = new ClusterStore(db);
    this.fleet = new FleetStore(db);
  }
  private redactText(s: string): string {
    return this.opts.redact ? this.opts.redact.text(s) : s;
  }
  private redactDeep<T>(v: T): T {
    return this.opts.redact ? this.opts.redact.deep(v) : v;
  }

  // --- workers -------------------------------------------------------------------------
  async upsertWorker(w: StoredWorker & { passwordHash: string }): Promise<void> {
    const values = {
      id: w.id,
      username: w.username,
      display_name: w.displayName,
      role: w.role,
      languages: JSON.stringify(w.languages),
      password_hash: w.passwordHash,
      departments: JSON.stringify(w.departments ?? ['general']),
      level: w.level ?? 1,
    };
    await this.db.insertInto('workers').values(values).onConflict((oc) => oc.column('id').doUpdateSet(values)).execute();
  }
  async findWorkerByUsername(username: string): Promise<(StoredWorker & { passwordHash: string }) | undefined> {
    const r = await this.db.selectFrom('workers').selectAll().where('username', '=', username).executeTakeFirst();
    return r ? { ...toWorker(r), passwordHash: r.password_hash } : undefined;
  }
  async getWorker(id: string): Promise<StoredWorker | undefined> {
    const r = await this.db.selectFrom('workers').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toWorker(r) : undefined;
  }
  /** Replaces a worker's password hash (re-hash on sign-in). */
  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.db.updateTable('workers').set({ password_hash: passwordHash }).where('id', '=', id).execute();
  }

  // --- signing keys (SigningKeyStore) ---------------------------------------------------
  /** Signing keys not retired, newest first. */
  async signingKeys(): Promise<{ kid: string; secret: string; createdAt: Date }[]> {
    const rows = await this.db.selectFrom('signing_keys').selectAll().where('retired_at', 'is', null).orderBy('created_at', 'desc').execute();
    return rows.map((r) => ({ kid: r.kid, secret: r.secret, createdAt: new Date(r.created_at) }));
  }
  async addSigningKey(kid: string, secret: string, at: Date): Promise<void> {
    await this.db.insertInto('signing_keys').values({ kid, secret, created_at: at, retired_at: null }).onConflict((oc) => oc.column('kid').doNothing()).execute();
  }
  async retireSigningKey(kid: string, at: Date): Promise<void> {
    await this.db.updateTable('signing_keys').set({ retired_at: at }).where('kid', '=', kid).execute();
  }

  // --- call monitors, robot lease ------------------------------------------------------
  /** A supervisor starts monitoring a call (idempotent). */
  async addMonitor(sessionId: string, workerId: string, at: Date): Promise<void> {
    await this.db.insertInto('call_monitors').values({ session_id: sessionId, worker_id: workerId, barged: false, since: at }).onConflict((oc) => oc.columns(['session_id', 'worker_id']).doNothing()).execute();
  }
  async setBarged(sessionId: string, workerId: string): Promise<boolean> {
    const r = await this.db.updateTable('call_monitors').set({ barged: true }).where('session_id', '=', sessionId).where('worker_id', '=', workerId).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
  async removeMonitor(sessionId: string, workerId?: string): Promise<void> {
    let q = this.db.deleteFrom('call_monitors').where('session_id', '=', sessionId);
    if (workerId) q = q.where('worker_id', '=', workerId);
    await q.execute();
  }
  /** Supervisors monitoring a call, with whether each barged in. */
  async monitors(sessionId: string): Promise<{ workerId: string; barged: boolean }[]> {
    const rows = await this.db.selectFrom('call_monitors').select(['worker_id', 'barged']).where('session_id', '=', sessionId).execute();
    return rows.map((r) => ({ workerId: r.worker_id, barged: r.barged }));
  }

  /** Sets whether the robot control lease of a call is revoked (a supervisor took control away). */
  async setRobotLeaseRevoked(sessionId: string, revoked: boolean): Promise<void> {
    await this.db.updateTable('sessions').set({ robot_lease_revoked: revoked }).where('id', '=', sessionId).where('robot_lease_revoked', '!=', revoked).execute();
  }
  /** Holder of a call's robot control lease: its worker while in a call and not revoked, else null. */
  async robotLeaseHolder(sessionId: string): Promise<{ holder: string | null; deviceId: string } | undefined> {
    const r = await this.db.selectFrom('sessions').select(['state', 'worker_id', 'device_id', 'robot_lease_revoked']).where('id', '=', sessionId).executeTakeFirst();
    if (!r || r.state === 'ended') return undefined;
    return { deviceId: r.device_id, holder: r.state === 'in_call' && !r.robot_lease_revoked ? r.worker_id : null };
  }

  /** Worker presence rows (state as routing last reported it) of the given users. */
  async presenceStates(workerIds: string[]): Promise<Map<string, { state: string; awayReason: string | null }>> {
    if (workerIds.length === 0) return new Map();
    const rows = await this.db.selectFrom('worker_presence').select(['worker_id', 'state', 'away_reason']).where('worker_id', 'in', workerIds).execute();
    return new Map(rows.map((r) => [r.worker_id, { state: r.state, awayReason: r.away_reason }]));
  }

  /** Round trip to the database within `timeoutMs` (readiness). @throws when it fails or times out. */
  async ping(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        sql`select 1`.execute(this.db),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`database did not answer within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  async countWorkers(): Promise<number> {
    const r = await this.db.selectFrom('workers').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  // --- sessions ------------------------------------------------------------------------
  /**
   * Creates a session in intake, with its `started` audit event (`event`) in the same statement.
   */
  async createSession(s: { deviceId: string; language: Language; mode: string; consentAt: Date; now: Date }, event?: SessionEvent): Promise<SessionView> {
    const insert = this.db
      .insertInto('sessions')
      .values({ id: randomUUID(), device_id: s.deviceId, language: s.language, state: 'intake', mode: s.mode, consent_at: s.consentAt, created_at: s.now })
      .returningAll();
    const row = await this.changeSession(insert, event, s.now);
    if (!row) throw new Error('session insert returned no row');
    return toSessionView(row);
  }
  async getSession(id: string): Promise<SessionView | undefined> {
    const r = await this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toSessionView(r) : undefined;
  }
  /**
   * Runs a statement that changes session rows and returns them (`... returning *`) and stores
   * `events` (audit events, in order) for each returned session in the SAME statement (a
   * data-modifying CTE): the change and its audit record are stored both or neither, and it
   * costs one round trip instead of two or more. `sideEffects`: further data-modifying
   * statements that belong to the change, each may refer to the changed rows as `t`.
   * Returns the first changed row, or undefined.
   */
  private async changeSession(change: OperationNodeSource, events: SessionEvent | SessionEvent[] | undefined, at: Date, sideEffects: RawBuilder<unknown>[] = []): Promise<SessionRow | undefined> {
    const list = events === undefined ? [] : Array.isArray(events) ? events : [events];
    if (list.length === 0 && sideEffects.length === 0) {
      const r = await sql<SessionRow>`${change}`.execute(this.db);
      return r.rows[0];
    }
    const parts = [sql`t as (${change})`];
    if (list.length > 0) {
      const values = sql.join(list.map((e, i) => sql`(${e.type}::text, ${e.actor}::text, ${toJson(this.redactDeep(e.data ?? {}))}::jsonb, ${i}::int)`));
      parts.push(sql`e as (
        insert into session_events (session_id, type, actor, data, created_at)
        select t.id, v.type, v.actor, v.data, ${at} from t cross join (values ${values}) as v(type, actor, data, ord) order by v.ord)`);
    }
    sideEffects.forEach((s, i) => parts.push(sql`${sql.raw(`x${i}`)} as (${s})`));
    const r = await sql<SessionRow>`with ${sql.join(parts)} select * from t`.execute(this.db);
    return r.rows[0];
  }
  /** Sessions not yet ended (for a device, or all). */
  async activeSessions(deviceId?: string): Promise<SessionView[]> {
    let q = this.db.selectFrom('sessions').selectAll().where('state', '!=', 'ended');
    if (deviceId) q = q.where('device_id', '=', deviceId);
    return (await q.orderBy('created_at').execute()).map(toSessionView);
  }
  /** intake -> queued (with its audit `event` in the same statement). Returns null when the session was not in intake. */
  async markQueued(id: string, at: Date, event?: SessionEvent): Promise<SessionView | null> {
    const r = await this.changeSession(this.db.updateTable('sessions').set({ state: 'queued', escalated_at: at }).where('id', '=', id).where('state', '=', 'intake').returningAll(), event, at);
    return r ? toSessionView(r) : null;
  }
  /**
   * queued -> in_call for `workerId`, atomically: a conditional UPDATE, so of two concurrent
   * accepts (even from two orchestrator processes on one PostgreSQL) exactly one wins.
   * Returns null when the session was no longer queued. `event`: its audit event, stored in the same statement.
   * The new holder's robot control lease starts unrevoked (`robot_lease_revoked` cleared with the assignment).
   */
  async assignWorker(id: string, workerId: string, at: Date, event?: SessionEvent): Promise<SessionView | null> {
    const r = await this.changeSession(
      this.db.updateTable('sessions').set({ state: 'in_call', worker_id: workerId, answered_at: at, robot_lease_revoked: false }).where('id', '=', id).where('state', '=', 'queued').returningAll(),
      event,
      at,
    );
    return r ? toSessionView(r) : null;
  }
  /** in_call -> queued (worker lost or cold transfer): no worker until the next accept. */
  async requeueFromCall(id: string): Promise<SessionView | null> {
    const r = await this.db.updateTable('sessions').set({ state: 'queued', worker_id: null }).where('id', '=', id).where('state', '=', 'in_call').returningAll().executeTakeFirst();
    return r ? toSessionView(r) : null;
  }
  /** in_call -> intake (handback to the AI assistant), remembering the handback as the disposition of the human part. */
  async handbackToIntake(id: string): Promise<SessionView | null> {
    const r = await this.db
      .updateTable('sessions')
      .set({ state: 'intake', worker_id: null, disposition: 'handback_ai' })
      .where('id', '=', id)
      .where('state', '=', 'in_call')
      .returningAll()
      .executeTakeFirst();
    return r ? toSessionView(r) : null;
  }
  /** Warm transfer: the call passes from `fromWorker` to `toWorker` atomically (with its audit `event`, stored at `at` in the same statement); the new holder's robot lease starts unrevoked. */
  async reassign(id: string, fromWorker: string, toWorker: string, at: Date = new Date(), event?: SessionEvent): Promise<SessionView | null> {
    const r = await this.changeSession(
      this.db.updateTable('sessions').set({ worker_id: toWorker, robot_lease_revoked: false }).where('id', '=', id).where('state', '=', 'in_call').where('worker_id', '=', fromWorker).returningAll(),
      event,
      at,
    );
    return r ? toSessionView(r) : null;
  }

  /** Any state but ended -> ended (with its audit `event`, and its supervisors' monitor rows removed, in the same statement). Returns null when already ended. */
  async endSession(id: string, at: Date, disposition: string, event?: SessionEvent): Promise<SessionView | null> {
    // A handback keeps its disposition (`handback_ai`) for the human part of the session.
    const r = await this.changeSession(
      this.db
        .updateTable('sessions')
        .set((eb) => ({ state: 'ended', ended_at: at, disposition: eb.fn.coalesce('disposition', eb.val(disposition)) }))
        .where('id', '=', id)
        .where('state', '!=', 'ended')
        .returningAll(),
      event,
      at,
      // Nobody monitors an ended call.
      [sql`delete from call_monitors where session_id in (select id from t)`],
    );
    return r ? toSessionView(r) : null;
  }
  /** Sets the session's language (the visitor switched mid-session); null when it ended or is unknown. */
  async setSessionLanguage(id: string, language: Language): Promise<SessionView | null> {
    const r = await this.db.updateTable('sessions').set({ language }).where('id', '=', id).where('state', '!=', 'ended').returningAll().executeTakeFirst();
    return r ? toSessionView(r) : null;
  }
  /**
   * Stores the CSAT rating (1..5) of an ended session, with its audit `event` in the same
   * statement; with `deviceId`, only a session of that device (the access check is the
   * statement's own condition). Returns false when no such ended session exists.
   * @throws the database's error (a rating outside 1..5 violates a check constraint).
   */
  async rateSession(id: string, rating: number, opts: { deviceId?: string; event?: SessionEvent; at?: Date } = {}): Promise<boolean> {
    let q = this.db.updateTable('sessions').set({ rating }).where('id', '=', id).where('state', '=', 'ended');
    if (opts.deviceId) q = q.where('device_id', '=', opts.deviceId);
    return (await this.changeSession(q.returningAll(), opts.event, opts.at ?? new Date())) !== undefined;
  }

  /**
   * Sessions for the history list, newest first: handled by `workerId` (all when null),
   * optionally with `query` in the transcript (case-insensitive substring) or as the session id prefix.
   */
  async searchSessions(opts: { workerId: string | null; query?: string; limit: number }) {
    let q = this.db.selectFrom('sessions').innerJoin('devices', 'devices.id', 'sessions.device_id').selectAll('sessions').select('devices.name as device_name');
    if (opts.workerId) {
      const actor = `worker:${opts.workerId}`;
      // Sessions the worker holds or held (also those transferred on or handed back).
      q = q.where((eb) =>
        eb.or([
          eb('sessions.worker_id', '=', opts.workerId),
          eb.exists(eb.selectFrom('session_events').select(sql`1`.as('one')).whereRef('session_events.session_id', '=', 'sessions.id').where('session_events.actor', '=', actor)),
        ]),
      );
    }
    if (opts.query) {
      const like = `%${opts.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) =>
        eb.or([
          eb(sql<string>`sessions.id::text`, 'like', `${opts.query!.toLowerCase().replace(/[^0-9a-f-]/g, '')}%`),
          eb.exists(eb.selectFrom('transcript_entries').select(sql`1`.as('one')).whereRef('transcript_entries.session_id', '=', 'sessions.id').where('transcript_entries.text', 'ilike', like)),
        ]),
      );
    }
    const rows = await q.orderBy('sessions.created_at', 'desc').limit(opts.limit).execute();
    const out = [];
    for (const r of rows) {
      const first = await this.db.selectFrom('transcript_entries').select('text').where('session_id', '=', r.id).where('speaker', '=', 'visitor').orderBy('seq').executeTakeFirst();
      // A package from an older schema that no longer parses shows no reasons rather than failing the list.
      const handoff = await this.latestHandoff(r.id).catch((err: unknown) => (err instanceof Error && err.name === 'ZodError' ? undefined : Promise.reject(err)));
      out.push({ session: toSessionView(r), deviceName: r.device_name, reasons: handoff?.reasons.map((x) => x.code) ?? [], firstLine: first?.text ?? null });
    }
    return out;
  }

  // --- transcript ----------------------------------------------------------------------
  /**
   * Appends a transcript line with the next sequence number, in one statement (the session
   * row's `last_seq` counter is incremented under its row lock, so concurrent appends of one
   * session serialize and never reuse a number). With `clientId` (the client's request id) a
   * retried send returns the line already stored instead of adding it twice.
   * Text is stored as valid UTF-8 without NUL or other control characters (see {@link cleanText}).
   */
  async appendTranscript(e: NewTranscriptEntry, at: Date): Promise<TranscriptEntryT> {
    return (await this.appendLine(e, at)).entry;
  }

  /**
   * Appends a line (next `seq` of its session, in one statement) and returns it with its
   * session's state, assigned worker and transferring colleague (`colleague`: the consult's
   * `from_worker` once the consult is past `offered`, else null) at that moment, so the caller
   * pushes it to whom it concerns without reading the session or its consult again. A retried
   * client request (`clientId` stored already) returns the stored line (`duplicate: true`).
   * @throws when the session does not exist, or the database's error.
   */
  async appendLine(e: NewTranscriptEntry, at: Date): Promise<{ entry: TranscriptEntryT; session: { state: SessionState; workerId: string | null; colleague: string | null }; duplicate: boolean }> {
    const translation = e.translation ? toJson(this.redactDeep(e.translation)) : null;
    try {
      const r = await sql<TranscriptRow & { session_state: string; session_worker_id: string | null; session_colleague: string | null }>`
        with s as (update sessions set last_seq = last_seq + 1 where id = ${e.sessionId} returning last_seq, state, worker_id),
        i as (
          insert into transcript_entries (id, session_id, seq, speaker, text, language, translation, translation_status, created_at, client_id)
          select ${randomUUID()}, ${e.sessionId}, s.last_seq, ${e.speaker}, ${cleanText(this.redactText(e.text))}, ${e.language}, ${translation}::jsonb, ${e.translationStatus}, ${at}, ${e.clientId ?? null} from s
          returning *)
        select i.*, s.state as session_state, s.worker_id as session_worker_id,
          (select c.from_worker from call_consults c where c.session_id = ${e.sessionId} and c.phase <> 'offered') as session_colleague
        from i, s`.execute(this.db);
      const row = r.rows[0];
      if (!row) throw new Error(`session ${e.sessionId} not found`);
      const { session_state, session_worker_id, session_colleague, ...entry } = row;
      return { entry: toEntry(entry), session: { state: session_state as SessionState, workerId: session_worker_id, colleague: session_colleague }, duplicate: false };
    } catch (err) {
      // A retried request (or two retries racing): the line is stored already (unique client id).
      if (e.clientId && (err as { code?: string }).code === '23505') {
        const existing = await this.entryByClientId(e.sessionId, e.clientId);
        const session = await this.getSession(e.sessionId);
        const consult = await this.consults.get(e.sessionId);
        const colleague = consult && consult.phase !== 'offered' ? consult.fromWorker : null;
        if (existing && session) return { entry: existing, session: { state: session.state, workerId: session.workerId, colleague }, duplicate: true };
      }
      throw err;
    }
  }

  /** The line stored for a client request id, if any. */
  async entryByClientId(sessionId: string, clientId: string): Promise<TranscriptEntryT | undefined> {
    const r = await this.db.selectFrom('transcript_entries').selectAll().where('session_id', '=', sessionId).where('client_id', '=', clientId).executeTakeFirst();
    return r ? toEntry(r) : undefined;
  }

  /** Lines of a session after sequence number `afterSeq` (a reconnecting client's replay). */
  async transcriptSince(sessionId: string, afterSeq: number): Promise<TranscriptEntryT[]> {
    const rows = await this.db.selectFrom('transcript_entries').selectAll().where('session_id', '=', sessionId).where('seq', '>', afterSeq).orderBy('seq').execute();
    return rows.map(toEntry);
  }
  /** Sets (or clears, as untranslated) the translation of a stored line. */
  async setTranslation(entryId: string, translation: Translation | null, status: TranscriptEntryT['translationStatus']): Promise<void> {
    await this.db
      .updateTable('transcript_entries')
      .set({ translation: translation ? toJson(this.redactDeep(translation)) : null, translation_status: status })
      .where('id', '=', entryId)
      .execute();
  }

  async transcript(sessionId: string): Promise<TranscriptEntryT[]> {
    const rows = await this.db.selectFrom('transcript_entries').selectAll().where('session_id', '=', sessionId).orderBy('seq').execute();
    return rows.map(toEntry);
  }

  /**
   * Saves what the intake learned so far (a restart keeps it for the handoff package),
   * PII-redacted like the handoff package, with the turn's audit `events` in the same statement.
   */
  async saveIntakeFacts(sessionId: string, facts: unknown, events: SessionEvent[] = [], at: Date = new Date()): Promise<void> {
    await this.changeSession(this.db.updateTable('sessions').set({ intake_facts: toJson(this.redactDeep(facts)) }).where('id', '=', sessionId).returningAll(), events, at);
  }
  /** What the intake learned so far, or null. */
  async intakeFacts(sessionId: string): Promise<unknown> {
    const r = await this.db.selectFrom('sessions').select('intake_facts').where('id', '=', sessionId).executeTakeFirst();
    return r?.intake_facts ?? null;
  }
  /**
   * Handle times (accept to end, ms) of the most recent sessions a worker served, newest first:
   * the measured basis of wait estimates after a restart.
   */
  async recentHandleTimes(limit: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('sessions')
      .select(['answered_at', 'ended_at'])
      .where('state', '=', 'ended')
      .where('answered_at', 'is not', null)
      .where('ended_at', 'is not', null)
      .orderBy('ended_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => new Date(r.ended_at!).getTime() - new Date(r.answered_at!).getTime()).filter((d) => d >= 0);
  }

  // --- handoff packages ----------------------------------------------------------------
  async saveHandoff(p: HandoffPackageT, at: Date): Promise<void> {
    await this.db.insertInto('handoff_packages').values({ id: randomUUID(), session_id: p.sessionId, version: p.version, package: toJson(this.redactDeep(p)), created_at: at }).execute();
  }
  /** Latest handoff package of a session, validated against the current schema. */
  async latestHandoff(sessionId: string): Promise<HandoffPackageT | undefined> {
    const r = await this.db.selectFrom('handoff_packages').select('package').where('session_id', '=', sessionId).orderBy('created_at', 'desc').executeTakeFirst();
    return r ? HandoffPackage.parse(r.package) : undefined;
  }

  // --- callbacks -----------------------------------------------------------------------
  async insertCallback(c: Omit<CallbackRow, 'status' | 'handled_by' | 'completed_at' | 'erased_at'>): Promise<CallbackRow> {
    return this.db
      .insertInto('callbacks')
      .values({ ...c, name: cleanText(c.name), contact: cleanText(c.contact), note: c.note === null ? null : cleanText(c.note), status: 'open', handled_by: null })
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  async openCallbacks(): Promise<CallbackRow[]> {
    return this.db.selectFrom('callbacks').selectAll().where('status', '=', 'open').orderBy('created_at').execute();
  }
  async completeCallback(id: string, by: string): Promise<CallbackRow | undefined> {
    return this.db.updateTable('callbacks').set({ status: 'done', handled_by: by }).where('id', '=', id).returningAll().executeTakeFirst();
  }

  // --- audit trail ---------------------------------------------------------------------
  /** Appends an event to the audit trail: `type` (e.g. `escalated`), `actor` (`device:x`, `worker:y`, `system`). */
  async recordEvent(sessionId: string, type: string, actor: string, data: Record<string, unknown>, at: Date): Promise<void> {
    await this.db.insertInto('session_events').values({ session_id: sessionId, type, actor, data: toJson(this.redactDeep(data)), created_at: at }).execute();
  }
  async events(sessionId: string): Promise<{ type: string; actor: string; data: unknown; createdAt: string }[]> {
    const rows = await this.db.selectFrom('session_events').selectAll().where('session_id', '=', sessionId).orderBy('id').execute();
    return rows.map((r) => ({ type: r.type, actor: r.actor, data: r.data, createdAt: iso(r.created_at)! }));
  }

}

/** JSON for a jsonb column, with every string cleaned (jsonb rejects `\\u0000`). */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' ? cleanText(v) : v));
}

function toEntry(r: TranscriptRow): TranscriptEntryT {
  return TranscriptEntry.parse({
    id: r.id,
    sessionId: r.session_id,
    seq: r.seq,
    speaker: r.speaker,
    text: r.text,
    language: r.language,
    translation: r.translation ?? null,
    translationStatus: r.translation_status,
    createdAt: iso(r.created_at),
  });
}


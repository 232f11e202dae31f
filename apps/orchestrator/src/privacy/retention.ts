import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';
import { OrchestratorError, SessionError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { AuthStore } from '../auth/authStore.ts';

/**
 * Retention per data class, in days. KPI aggregates (the session rows: times, disposition,
 * rating, language, device; and escalation reason codes) are kept.
 */
export interface RetentionPolicy {
  /** Transcripts, handoff packages, worker notes (also those given at the end) and intake facts of ended sessions, counted from the session's end. */
  transcriptDays: number;
  /** Name, contact and note of completed callbacks, counted from completion. */
  callbackDays: number;
  /** Audit events (security and privacy actions) and session events (escalation reason codes stay, without evidence text). */
  auditDays: number;
}

/** What one purge removed. */
export interface PurgeReport {
  transcriptEntries: number;
  handoffPackages: number;
  notes: number;
  callbacksErased: number;
  auditEvents: number;
  sessionEvents: number;
  signInSessions: number;
}

const DAY_MS = 86_400_000;
const ERASED = '[erased]';

/**
 * Data-protection duties on stored personal data: the retention purge (run on a schedule by the
 * routing leader only), and per-session export and erasure for data-subject requests (GDPR
 * art. 15 and 17; Japan's APPI art. 33 and 35). Every export and erasure is audited.
 */
export class PrivacyService {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(private readonly deps: { db: Kysely<DatabaseSchema>; auth: AuthStore; logger: Logger; policy: RetentionPolicy; now?: () => Date }) {}

  private now(): Date {
    return this.deps.now ? this.deps.now() : new Date();
  }

  /** Deletes what is older than the policy allows. Idempotent; safe to run on any schedule. */
  async purge(): Promise<PurgeReport> {
    const { db } = this.deps;
    const p = this.deps.policy;
    const now = this.now().getTime();
    const transcriptCutoff = new Date(now - p.transcriptDays * DAY_MS);
    const callbackCutoff = new Date(now - p.callbackDays * DAY_MS);
    const auditCutoff = new Date(now - p.auditDays * DAY_MS);
    const expired = db.selectFrom('sessions').select('id').where('state', '=', 'ended').where('ended_at', '<', transcriptCutoff);
    const t = await db.deleteFrom('transcript_entries').where('session_id', 'in', expired).executeTakeFirst();
    const h = await db.deleteFrom('handoff_packages').where('session_id', 'in', expired).executeTakeFirst();
    const n = await db.deleteFrom('session_events').where('type', '=', 'note').where('session_id', 'in', expired).executeTakeFirst();
    // A worker's free-text "what was missing" in a handoff verdict goes with the transcript; the verdict's choices stay for the reports.
    await db.updateTable('session_verdicts').set({ verdict: sql`verdict - 'missing'` as never }).where('session_id', 'in', expired).execute();
    // Notes given when the session ended are kept in its `ended` event: they go with the other notes.
    const en = await db
      .updateTable('session_events')
      .set({ data: sql`data - 'notes'` as never })
      .where('type', '=', 'ended')
      .where('session_id', 'in', expired)
      .where(sql<boolean>`data ? 'notes'`)
      .executeTakeFirst();
    // What the intake collected (name, contact, case number...) goes with the transcript.
    await db.updateTable('sessions').set({ intake_facts: null }).where('state', '=', 'ended').where('ended_at', '<', transcriptCutoff).where('intake_facts', 'is not', null).execute();
    const c = await db
      .updateTable('callbacks')
      .set({ name: ERASED, contact: ERASED, note: null, erased_at: this.now() })
      .where('status', '=', 'done')
      .where('erased_at', 'is', null)
      .where((eb) => eb.or([eb('completed_at', '<', callbackCutoff), eb.and([eb('completed_at', 'is', null), eb('created_at', '<', callbackCutoff)])]))
      .executeTakeFirst();
    const a = await db.deleteFrom('audit_events').where('at', '<', auditCutoff).executeTakeFirst();
    // Session events past the audit period go, except the escalation reason codes the KPIs count (evidence text removed).
    await db
      .updateTable('session_events')
      .set({ data: sql`jsonb_build_object('reasons', coalesce((select jsonb_agg(jsonb_build_object('code', r -> 'code')) from jsonb_array_elements(case when jsonb_typeof(data -> 'reasons') = 'array' then data -> 'reasons' else '[]'::jsonb end) r), '[]'::jsonb), 'purged', true)` as never })
      .where('type', '=', 'escalated')
      .where('created_at', '<', auditCutoff)
      .where(sql<boolean>`not (data ? 'purged')`)
      .execute();
    const e = await db.deleteFrom('session_events').where('type', '!=', 'escalated').where('created_at', '<', auditCutoff).executeTakeFirst();
    const s = await this.deps.auth.purgeExpiredSessions(auditCutoff);
    const report: PurgeReport = {
      transcriptEntries: Number(t.numDeletedRows),
      handoffPackages: Number(h.numDeletedRows),
      notes: Number(n.numDeletedRows) + Number(en.numUpdatedRows),
      callbacksErased: Number(c.numUpdatedRows),
      auditEvents: Number(a.numDeletedRows),
      sessionEvents: Number(e.numDeletedRows),
      signInSessions: s,
    };
    if (Object.values(report).some((v) => v > 0)) {
      await this.deps.auth.audit({ actor: 'system', action: 'retention.purged', subject: 'retention', data: { ...report } }, this.now());
      this.deps.logger.info({ ...report }, 'retention purge');
    }
    return report;
  }

  /** Runs {@link purge} now and every `intervalMs` until {@link stop} (the routing leader calls this when it starts leading). */
  start(intervalMs: number): void {
    if (this.timer) return;
    const run = () => {
      if (this.running) return;
      this.running = this.purge()
        .catch((err: unknown) => this.deps.logger.error({ err }, 'retention purge failed; retried at the next interval'))
        .finally(() => (this.running = null));
    };
    run();
    this.timer = setInterval(run, intervalMs);
    this.timer.unref();
  }

  /** Stops the schedule (leadership lost, shutdown); waits for a purge in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /**
   * Everything stored about one session, for a data-subject access request: the session, its
   * transcript, handoff packages, events (notes included), callbacks with contact details, and
   * the audit events about it. Audited.
   */
  async exportSession(actor: string, sessionId: string): Promise<Record<string, unknown>> {
    const { db } = this.deps;
    const session = await db.selectFrom('sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();
    if (!session) throw SessionError.notFound(sessionId);
    const out = {
      exportedAt: this.now().toISOString(),
      session: { ...session, intake_facts: session.intake_facts ?? null },
      transcript: await db.selectFrom('transcript_entries').selectAll().where('session_id', '=', sessionId).orderBy('seq').execute(),
      handoffPackages: (await db.selectFrom('handoff_packages').select(['version', 'package', 'created_at']).where('session_id', '=', sessionId).orderBy('created_at').execute()),
      events: await db.selectFrom('session_events').select(['type', 'actor', 'data', 'created_at']).where('session_id', '=', sessionId).orderBy('id').execute(),
      callbacks: await db.selectFrom('callbacks').selectAll().where('session_id', '=', sessionId).execute(),
      audit: await this.deps.auth.auditEvents({ subject: `session:${sessionId}` }),
    };
    await this.deps.auth.audit({ actor, action: 'session.exported', subject: `session:${sessionId}` }, this.now());
    return out;
  }

  /**
   * Erases the personal data of one ended session on a data-subject request: transcript, handoff
   * packages, notes, intake facts, and callbacks' name, contact and note; the session row (times,
   * outcome, rating) and escalation reason codes stay for the KPIs. Audited.
   * @throws `not_found`, or `conflict` while the session is still running.
   */
  async eraseSession(actor: string, sessionId: string): Promise<{ transcriptEntries: number; handoffPackages: number; events: number; callbacks: number }> {
    const { db } = this.deps;
    const session = await db.selectFrom('sessions').select(['state']).where('id', '=', sessionId).executeTakeFirst();
    if (!session) throw SessionError.notFound(sessionId);
    if (session.state !== 'ended') throw new OrchestratorError('conflict', `session ${sessionId} is still ${session.state}; erase it after it ended`);
    const result = await db.transaction().execute(async (tx) => {
      const t = await tx.deleteFrom('transcript_entries').where('session_id', '=', sessionId).executeTakeFirst();
      const h = await tx.deleteFrom('handoff_packages').where('session_id', '=', sessionId).executeTakeFirst();
      const n = await tx.deleteFrom('session_events').where('session_id', '=', sessionId).where('type', '=', 'note').executeTakeFirst();
      await tx.updateTable('session_verdicts').set({ verdict: sql`verdict - 'missing'` as never }).where('session_id', '=', sessionId).execute();
      await tx
        .updateTable('session_events')
        .set({ data: sql`case when type = 'escalated' then jsonb_build_object('reasons', coalesce((select jsonb_agg(jsonb_build_object('code', r -> 'code')) from jsonb_array_elements(case when jsonb_typeof(data -> 'reasons') = 'array' then data -> 'reasons' else '[]'::jsonb end) r), '[]'::jsonb), 'purged', true) else '{"erased":true}'::jsonb end` as never })
        .where('session_id', '=', sessionId)
        .execute();
      const c = await tx.updateTable('callbacks').set({ name: ERASED, contact: ERASED, note: null, erased_at: this.now() }).where('session_id', '=', sessionId).executeTakeFirst();
      await tx.updateTable('sessions').set({ intake_facts: null, erased_at: this.now() }).where('id', '=', sessionId).execute();
      return { transcriptEntries: Number(t.numDeletedRows), handoffPackages: Number(h.numDeletedRows), events: Number(n.numDeletedRows), callbacks: Number(c.numUpdatedRows) };
    });
    await this.deps.auth.audit({ actor, action: 'session.erased', subject: `session:${sessionId}`, data: result }, this.now());
    this.deps.logger.info({ sessionId, actor, ...result }, 'session personal data erased');
    return result;
  }
}

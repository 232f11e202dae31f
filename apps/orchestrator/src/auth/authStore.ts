import type { Kysely } from 'kysely';
import { cleanText, Language, Role } from '@telekiosk/shared';
import type { DatabaseSchema } from '../db/schema.ts';

/** Account status of a console user (migration 0007). */
export type AccountStatus = 'active' | 'disabled' | 'deleted';

/** A console user as access control sees them: the current role, status and skills from the store. */
export interface Principal {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  status: AccountStatus;
  languages: Language[];
  departments: string[];
  level: number;
}

/** A sign-in session row (one per sign-in). */
export interface AuthSession {
  id: string;
  workerId: string;
  method: 'password' | 'oidc';
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  /** Why it was revoked (`signed_out`, `role_changed`, `account_disabled`, `refresh_token_reused`...). */
  revokeReason: string | null;
}

/** One audit event outside sessions. */
export interface AuditEvent {
  at: string;
  actor: string;
  action: string;
  subject: string;
  data: unknown;
}

/**
 * Persistence of access control: account status, sign-in sessions with their rotating refresh
 * tokens (the revocation list), device enrolment codes and credentials, and the security audit
 * trail. Same database as {@link Store}; all writes are single statements or conditional updates,
 * so several nodes can use it at once.
 */
export class AuthStore {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  // --- principals ------------------------------------------------------------------------
  /** A console user's current role, status and skills, or undefined when there is no such user. */
  async principal(workerId: string): Promise<Principal | undefined> {
    const r = await this.db.selectFrom('workers').selectAll().where('id', '=', workerId).executeTakeFirst();
    if (!r) return undefined;
    return {
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      role: Role.parse(r.role),
      status: r.status as AccountStatus,
      languages: Language.array().catch([]).parse(r.languages),
      departments: Array.isArray(r.departments) ? r.departments.map(String) : ['general'],
      level: r.level ?? 1,
    };
  }
  /** Every console user (for the supervisor's user list), deleted ones last. */
  async principals(): Promise<Principal[]> {
    const ids = await this.db.selectFrom('workers').select('id').orderBy('username').execute();
    const out: Principal[] = [];
    for (const { id } of ids) {
      const p = await this.principal(id);
      if (p) out.push(p);
    }
    return out.sort((a, b) => Number(a.status === 'deleted') - Number(b.status === 'deleted'));
  }
  /** Sets a user's status; returns false when the user does not exist. */
  async setStatus(workerId: string, status: AccountStatus, at: Date): Promise<boolean> {
    const r = await this.db.updateTable('workers').set({ status, updated_at: at }).where('id', '=', workerId).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
  /** Sets a user's role; returns false when the user does not exist. */
  async setRole(workerId: string, role: Role, at: Date): Promise<boolean> {
    const r = await this.db.updateTable('workers').set({ role, updated_at: at }).where('id', '=', workerId).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
  /** The user linked to a single sign-on identity (`issuer|sub`). */
  async workerIdBySubject(subject: string): Promise<string | undefined> {
    return (await this.db.selectFrom('workers').select('id').where('oidc_subject', '=', subject).executeTakeFirst())?.id;
  }
  /** Links a single sign-on identity to a user. */
  async linkSubject(workerId: string, subject: string): Promise<void> {
    await this.db.updateTable('workers').set({ oidc_subject: subject }).where('id', '=', workerId).execute();
  }
  /** Creates a user provisioned by single sign-on (no usable password: the hash is a marker no password verifies against). */
  async createSsoWorker(w: { id: string; username: string; displayName: string; role: Role; languages: Language[]; departments: string[]; subject: string }, at: Date): Promise<void> {
    await this.db
      .insertInto('workers')
      .values({
        id: w.id,
        username: w.username,
        display_name: cleanText(w.displayName),
        role: w.role,
        languages: JSON.stringify(w.languages),
        password_hash: '!sso',
        departments: JSON.stringify(w.departments),
        oidc_subject: w.subject,
        updated_at: at,
      })
      .execute();
  }
  /** Updates what single sign-on says about a user (display name, role, departments) on each sign-in. */
  async updateSsoWorker(workerId: string, w: { displayName: string; role: Role; departments: string[] }, at: Date): Promise<void> {
    await this.db
      .updateTable('workers')
      .set({ display_name: cleanText(w.displayName), role: w.role, departments: JSON.stringify(w.departments), updated_at: at })
      .where('id', '=', workerId)
      .execute();
  }
  async usernameTaken(username: string): Promise<boolean> {
    return (await this.db.selectFrom('workers').select('id').where('username', '=', username).executeTakeFirst()) !== undefined;
  }

  // --- sign-in sessions and refresh tokens ----------------------------------------------------
  async createSession(s: { id: string; workerId: string; method: 'password' | 'oidc'; createdAt: Date; expiresAt: Date }): Promise<void> {
    await this.db.insertInto('auth_sessions').values({ id: s.id, worker_id: s.workerId, method: s.method, created_at: s.createdAt, expires_at: s.expiresAt, revoked_at: null, revoke_reason: null }).execute();
  }
  async session(id: string): Promise<AuthSession | undefined> {
    const r = await this.db.selectFrom('auth_sessions').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? { id: r.id, workerId: r.worker_id, method: r.method as AuthSession['method'], createdAt: new Date(r.created_at), expiresAt: new Date(r.expires_at), revokedAt: r.revoked_at ? new Date(r.revoked_at) : null, revokeReason: r.revoke_reason } : undefined;
  }
  /** Revokes one sign-in session; returns whether it was live. */
  async revokeSession(id: string, reason: string, at: Date): Promise<boolean> {
    const r = await this.db.updateTable('auth_sessions').set({ revoked_at: at, revoke_reason: reason }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
  /** Revokes every live sign-in session of a user; returns their ids. */
  async revokeSessionsOf(workerId: string, reason: string, at: Date): Promise<string[]> {
    const rows = await this.db.updateTable('auth_sessions').set({ revoked_at: at, revoke_reason: reason }).where('worker_id', '=', workerId).where('revoked_at', 'is', null).returning('id').execute();
    return rows.map((r) => r.id);
  }
  async addRefreshToken(tokenHash: string, sessionId: string, at: Date): Promise<void> {
    await this.db.insertInto('refresh_tokens').values({ token_hash: tokenHash, session_id: sessionId, created_at: at, used_at: null }).execute();
  }
  /**
   * Marks a refresh token used (exchanged), atomically. Returns the token's sign-in session and
   * whether this call was the first use (`fresh`), or undefined for an unknown token.
   */
  async useRefreshToken(tokenHash: string, at: Date): Promise<{ sessionId: string; fresh: boolean; usedAt: Date | null } | undefined> {
    const won = await this.db.updateTable('refresh_tokens').set({ used_at: at }).where('token_hash', '=', tokenHash).where('used_at', 'is', null).returning('session_id').executeTakeFirst();
    if (won) return { sessionId: won.session_id, fresh: true, usedAt: null };
    const r = await this.db.selectFrom('refresh_tokens').select(['session_id', 'used_at']).where('token_hash', '=', tokenHash).executeTakeFirst();
    return r ? { sessionId: r.session_id, fresh: false, usedAt: r.used_at ? new Date(r.used_at) : null } : undefined;
  }

  // --- devices: enrolment and credentials --------------------------------------------------
  /** Creates a device without a credential (it enrols with a one-time code). */
  async createDevice(d: { id: string; name: string; location: string }): Promise<boolean> {
    const r = await this.db
      .insertInto('devices')
      .values({ id: d.id, name: cleanText(d.name), location: cleanText(d.location), token_hash: '!unenrolled', robot_link: 'none' })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return r !== undefined;
  }
  /** Stores a new one-time enrolment code of a device; earlier unused codes of the device stop working. */
  async addEnrolment(e: { codeHash: string; deviceId: string; createdBy: string; createdAt: Date; expiresAt: Date }): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.updateTable('device_enrolments').set({ used_at: e.createdAt }).where('device_id', '=', e.deviceId).where('used_at', 'is', null).execute();
      await tx.insertInto('device_enrolments').values({ code_hash: e.codeHash, device_id: e.deviceId, created_by: e.createdBy, created_at: e.createdAt, expires_at: e.expiresAt, used_at: null }).execute();
    });
  }
  /**
   * Redeems an enrolment code once: marks it used and sets the device's credential, in one
   * transaction. Returns the device id, or undefined when the code is unknown, used or expired.
   */
  async redeemEnrolment(codeHash: string, tokenHash: string, at: Date): Promise<string | undefined> {
    return this.db.transaction().execute(async (tx) => {
      const r = await tx
        .updateTable('device_enrolments')
        .set({ used_at: at })
        .where('code_hash', '=', codeHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', at)
        .returning('device_id')
        .executeTakeFirst();
      if (!r) return undefined;
      await tx.updateTable('devices').set({ token_hash: tokenHash, credential_issued_at: at, credential_revoked_at: null }).where('id', '=', r.device_id).execute();
      return r.device_id;
    });
  }
  /** Replaces a device's credential (rotation); returns false for an unknown device. */
  async setDeviceCredential(deviceId: string, tokenHash: string, at: Date): Promise<boolean> {
    const r = await this.db.updateTable('devices').set({ token_hash: tokenHash, credential_issued_at: at, credential_revoked_at: null }).where('id', '=', deviceId).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
  /** Revokes a device's credential (and its unused enrolment codes); returns false for an unknown device. */
  async revokeDeviceCredential(deviceId: string, at: Date): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      await tx.updateTable('device_enrolments').set({ used_at: at }).where('device_id', '=', deviceId).where('used_at', 'is', null).execute();
      const r = await tx.updateTable('devices').set({ token_hash: '!revoked', credential_revoked_at: at }).where('id', '=', deviceId).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    });
  }

  // --- audit trail -------------------------------------------------------------------------
  async audit(e: { actor: string; action: string; subject: string; data?: Record<string, unknown> }, at: Date): Promise<void> {
    await this.db.insertInto('audit_events').values({ at, actor: e.actor, action: e.action, subject: e.subject, data: JSON.stringify(e.data ?? {}) }).execute();
  }
  /** Audit events about `subject` (or all), newest first. */
  async auditEvents(opts: { subject?: string; action?: string; limit?: number } = {}): Promise<AuditEvent[]> {
    let q = this.db.selectFrom('audit_events').selectAll();
    if (opts.subject) q = q.where('subject', '=', opts.subject);
    if (opts.action) q = q.where('action', '=', opts.action);
    const rows = await q.orderBy('id', 'desc').limit(opts.limit ?? 500).execute();
    return rows.map((r) => ({ at: new Date(r.at).toISOString(), actor: r.actor, action: r.action, subject: r.subject, data: r.data }));
  }

  /** Removes sign-in sessions and refresh tokens that ended before `before` (housekeeping). */
  async purgeExpiredSessions(before: Date): Promise<number> {
    const old = this.db.selectFrom('auth_sessions').select('id').where((eb) => eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before)]));
    await this.db.deleteFrom('refresh_tokens').where('session_id', 'in', old).execute();
    const r = await this.db.deleteFrom('auth_sessions').where((eb) => eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before)])).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}

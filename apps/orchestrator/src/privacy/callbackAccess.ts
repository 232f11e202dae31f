import { sql, type Kysely } from 'kysely';
import type { Callback } from '@telekiosk/shared';
import type { CallbackRow, DatabaseSchema } from '../db/schema.ts';
import { OrchestratorError } from '../errors.ts';
import type { AuthStore, Principal } from '../auth/authStore.ts';

/** A callback row with the department of its session (from the latest handoff package; `general` when none). */
type Row = CallbackRow & { department: string };

/**
 * Masks contact details for lists: the last 2 digits of a phone number, the first letter and the
 * domain of an e-mail address (`+81 •• •••• ••78`, `a•••@example.org`).
 */
export function maskContact(contact: string): string {
  const at = contact.indexOf('@');
  if (at > 0) return `${contact[0]}•••${contact.slice(at)}`;
  let seen = 0;
  const digits = (contact.match(/\d/g) ?? []).length;
  return contact.replace(/\d/g, (d) => (++seen > digits - 2 ? d : '•'));
}

/**
 * Least privilege for callbacks (visitors' names and contact details): a worker sees and
 * completes only callbacks they can serve (the visitor's language and the session's department
 * among their skills); supervisors see all. Lists carry masked contact details; the full contact
 * is read one callback at a time and each read is audited (who, when, which callback).
 */
export class CallbackAccess {
  constructor(private readonly deps: { db: Kysely<DatabaseSchema>; auth: AuthStore; now?: () => Date }) {}

  private now(): Date {
    return this.deps.now ? this.deps.now() : new Date();
  }

  private rows() {
    return this.deps.db
      .selectFrom('callbacks')
      .selectAll('callbacks')
      .select(
        sql<string>`coalesce((select h.package -> 'skills' ->> 'department' from handoff_packages h where h.session_id = callbacks.session_id order by h.created_at desc limit 1), 'general')`.as('department'),
      );
  }

  /** Whether `p` may serve a callback: supervisors always; workers with its language and department. */
  canServe(p: Principal, row: { language: string; department: string }): boolean {
    if (p.role === 'supervisor') return true;
    if (p.role !== 'worker') return false;
    return p.languages.includes(row.language as never) && p.departments.includes(row.department);
  }

  /** Open callbacks `p` may serve, oldest first, with masked contact details (the name stays: the worker needs it to pick one). */
  async list(p: Principal): Promise<Callback[]> {
    const rows = (await this.rows().where('callbacks.status', '=', 'open').orderBy('callbacks.created_at').execute()) as Row[];
    return rows.filter((r) => this.canServe(p, r)).map((r) => toCallback(r, true));
  }

  private async visible(p: Principal, id: string): Promise<Row> {
    const r = (await this.rows().where('callbacks.id', '=', id).executeTakeFirst()) as Row | undefined;
    // Not visible and not existing look the same to the caller.
    if (!r || !this.canServe(p, r)) throw new OrchestratorError('not_found', `callback ${id} not found`);
    return r;
  }

  /** The full name and contact of one callback, audited. @throws `not_found` when `p` may not serve it. */
  async contact(p: Principal, id: string): Promise<{ name: string; contact: string }> {
    const r = await this.visible(p, id);
    await this.deps.auth.audit({ actor: `worker:${p.id}`, action: 'callback.contact_viewed', subject: `callback:${id}`, data: { sessionId: r.session_id, ticket: r.ticket } }, this.now());
    return { name: r.name, contact: r.contact };
  }

  /** Marks a callback done (completion time kept for retention). @throws `not_found` when `p` may not serve it. */
  async complete(p: Principal, id: string): Promise<Callback> {
    await this.visible(p, id);
    const r = await this.deps.db.updateTable('callbacks').set({ status: 'done', handled_by: p.id, completed_at: this.now() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await this.deps.auth.audit({ actor: `worker:${p.id}`, action: 'callback.completed', subject: `callback:${id}` }, this.now());
    return toCallback(r, true);
  }
}

function toCallback(r: CallbackRow, masked: boolean): Callback {
  return {
    id: r.id,
    ticket: r.ticket,
    sessionId: r.session_id,
    deviceId: r.device_id,
    language: r.language as Callback['language'],
    name: r.name,
    contact: masked ? maskContact(r.contact) : r.contact,
    note: r.note,
    createdAt: new Date(r.created_at).toISOString(),
    status: r.status as Callback['status'],
    handledBy: r.handled_by,
  };
}

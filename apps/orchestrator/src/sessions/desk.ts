import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { UI_LANGUAGES, type CannedReply, type Language, type ReasonCode, type SessionNote, type SessionSummary } from '@telekiosk/shared';
import type { Store } from '../db/store.ts';

const CannedFile = z.object({
  version: z.literal(1),
  replies: z
    .array(z.object({ id: z.string().regex(/^[a-z0-9-]+$/), category: z.string().min(1), text: z.object(Object.fromEntries(UI_LANGUAGES.map((l) => [l, z.string().min(1)])) as Record<(typeof UI_LANGUAGES)[number], z.ZodString>) }))
    .min(1),
});

/**
 * Canned replies per language, from a data file (`apps/orchestrator/data/canned-replies.json`):
 * `{ version: 1, replies: [{ id, category, text: { en, ja, es, zh } }] }`.
 */
export class CannedReplies {
  private constructor(private readonly data: z.infer<typeof CannedFile>) {}

  /** @throws Error naming the invalid field. */
  static fromFile(path: string): CannedReplies {
    const parsed = CannedFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.success) throw new Error(`canned replies ${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return new CannedReplies(parsed.data);
  }

  /** Replies in the first of `languages` the file has (English otherwise). */
  forLanguages(languages: Language[]): CannedReply[] {
    const lang = languages.find((l): l is (typeof UI_LANGUAGES)[number] => (UI_LANGUAGES as readonly string[]).includes(l)) ?? 'en';
    return this.data.replies.map((r) => ({ id: r.id, category: r.category, text: r.text[lang], language: lang }));
  }
}

/** Notes of a session, from the audit trail (events of type `note`). */
export async function sessionNotes(store: Store, sessionId: string): Promise<SessionNote[]> {
  return (await store.events(sessionId))
    .filter((e) => e.type === 'note')
    .map((e) => ({ text: String((e.data as { text?: unknown }).text ?? ''), by: e.actor.replace(/^worker:/, ''), at: e.createdAt }));
}

/** History entries for sessions, newest first. */
export async function sessionSummaries(store: Store, opts: { workerId: string | null; query?: string; limit: number }): Promise<SessionSummary[]> {
  const rows = await store.searchSessions(opts);
  return rows.map((r) => ({ session: r.session, deviceName: r.deviceName, reasons: r.reasons as ReasonCode[], firstLine: r.firstLine }));
}

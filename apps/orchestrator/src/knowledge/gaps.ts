/**
 * Knowledge gaps: visitor questions the assistant could not answer (`intake_answered` events with
 * intent `unknown`), clustered by the same text analysis the knowledge-base search uses
 * (`intake/text.ts` `analyze`: normalisation, stemming or CJK bigrams per language) and ranked
 * by how often they were asked and how many escalations followed.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { Language, type KnowledgeGap } from '@telekiosk/shared';
import type { DatabaseSchema } from '../db/schema.ts';
import { isLang, packFor } from '../intake/lexicon/index.ts';
import { analyze } from '../intake/text.ts';
import { redactText } from '../privacy/redact.ts';

/** Cosine similarity of term sets at or above which two questions share a cluster (0..1). */
export const GAP_SIMILARITY = 0.5;
/** At most this many unanswered questions are read per report (newest first). */
export const GAP_SCAN_LIMIT = 5000;

/** One unanswered question. */
export interface UnansweredQuestion {
  text: string;
  language: string;
  sessionId: string;
  escalated: boolean;
  at: Date;
}

const termsOf = (text: string, language: string): Set<string> => new Set(analyze(text, packFor(isLang(language) ? language : 'en')).terms);

function cosine(a: Set<string>, b: Map<string, number>, bNorm: number): number {
  if (a.size === 0 || bNorm === 0) return 0;
  let dot = 0;
  for (const t of a) dot += b.get(t) ?? 0;
  return dot / (Math.sqrt(a.size) * bNorm);
}

/**
 * Clusters questions greedily (newest first) against each cluster's term centroid; a cluster's
 * escalations count distinct sessions that were escalated. Sorted by count, then escalations.
 * Pure: exported for tests.
 */
export function clusterQuestions(questions: UnansweredQuestion[], similarity = GAP_SIMILARITY): KnowledgeGap[] {
  type Cluster = { language: string; centroid: Map<string, number>; norm: number; items: UnansweredQuestion[]; languages: Map<string, number> };
  const clusters: Cluster[] = [];
  for (const q of questions) {
    const terms = termsOf(q.text, q.language);
    if (terms.size === 0) continue;
    let best: Cluster | null = null;
    let bestScore = 0;
    for (const c of clusters) {
      const s = cosine(terms, c.centroid, c.norm);
      if (s > bestScore) [best, bestScore] = [c, s];
    }
    if (!best || bestScore < similarity) {
      best = { language: q.language, centroid: new Map(), norm: 0, items: [], languages: new Map() };
      clusters.push(best);
    }
    best.items.push(q);
    best.languages.set(q.language, (best.languages.get(q.language) ?? 0) + 1);
    // Centroid: mean term weights of the members.
    const n = best.items.length;
    for (const [t, w] of best.centroid) best.centroid.set(t, (w * (n - 1)) / n);
    for (const t of terms) best.centroid.set(t, (best.centroid.get(t) ?? 0) + 1 / n);
    best.norm = Math.sqrt([...best.centroid.values()].reduce((s, w) => s + w * w, 0));
  }
  return clusters
    .map((c) => {
      const language = [...c.languages.entries()].sort((a, b) => b[1] - a[1])[0]![0];
      const seen = new Set<string>();
      const examples: string[] = [];
      for (const q of c.items) {
        const k = q.text.trim().toLowerCase();
        if (seen.has(k)) continue;
        seen.add(k);
        examples.push(q.text);
        if (examples.length === 5) break;
      }
      return {
        id: createHash('sha256').update(`${language}\n${examples[0]!.trim().toLowerCase()}`).digest('hex').slice(0, 16),
        language: Language.catch('en').parse(language),
        examples,
        count: c.items.length,
        escalations: new Set(c.items.filter((q) => q.escalated).map((q) => q.sessionId)).size,
        lastAt: new Date(Math.max(...c.items.map((q) => q.at.getTime()))).toISOString(),
      };
    })
    .sort((a, b) => b.count - a.count || b.escalations - a.escalations || a.id.localeCompare(b.id));
}

/** Unanswered questions since `since` (newest first, at most {@link GAP_SCAN_LIMIT}), text redacted. */
export async function unansweredQuestions(db: Kysely<DatabaseSchema>, since: Date): Promise<UnansweredQuestion[]> {
  const rows = await db
    .selectFrom('session_events as e')
    .innerJoin('transcript_entries as t', (j) => j.onRef('t.session_id', '=', 'e.session_id').on(sql<boolean>`t.id::text = e.data->>'questionId'`))
    .innerJoin('sessions as s', 's.id', 'e.session_id')
    .select(['t.text', 't.language', 'e.session_id', 's.escalated_at', 'e.created_at'])
    .where('e.type', '=', 'intake_answered')
    .where('e.created_at', '>=', since)
    .where(sql<boolean>`e.data->>'intent' = 'unknown'`)
    .where('s.erased_at', 'is', null)
    .orderBy('e.created_at', 'desc')
    .limit(GAP_SCAN_LIMIT)
    .execute();
  return rows.map((r) => ({ text: redactText(r.text), language: r.language, sessionId: r.session_id, escalated: r.escalated_at !== null, at: new Date(r.created_at) }));
}

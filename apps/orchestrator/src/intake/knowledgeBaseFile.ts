/**
 * The knowledge-base file format (`knowledge-base.json`): zod schemas of articles and their
 * per-language content, the inferred types, and the error thrown when a file fails validation.
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { KB_HANDLED_ELSEWHERE_CATEGORY } from '@telekiosk/shared';
import { LANGS, type Lang } from './lexicon/index.ts';

/** Path of the bundled Harbor City knowledge base (`apps/orchestrator/data/knowledge-base.json`). */
export const DEFAULT_KNOWLEDGE_BASE_PATH = fileURLToPath(new URL('../../data/knowledge-base.json', import.meta.url));

const localizedSchema = z.object({
  title: z.string().trim().min(1),
  answer: z.string().trim().min(1),
  keywords: z.array(z.string().trim().min(1)).min(1),
  /** Questions in visitors' own words that this article answers (searched beside the article; optional). */
  questions: z.array(z.string().trim().min(1)).default([]),
});

const contentSchema = z.object(
  Object.fromEntries(LANGS.map((l) => [l, localizedSchema])) as Record<Lang, typeof localizedSchema>,
);

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Category of a "handled elsewhere" article (`handled-elsewhere`): a matter this office does not
 * handle (passports, visas, driving licences, the police, buses...). Its answer says where it is
 * handled; the escalation policy still counts the question as one the office could not answer, so
 * a visitor who keeps needing it is handed to a person (`out_of_scope`). Editors add such articles
 * like any other, with this category.
 */
export const HANDLED_ELSEWHERE_CATEGORY = KB_HANDLED_ELSEWHERE_CATEGORY;

const articleSchema = z.object({
  id: z.string().regex(KEBAB, 'must be kebab-case'),
  category: z.string().regex(KEBAB, 'must be kebab-case'),
  department: z.string().regex(KEBAB, 'must be kebab-case'),
  content: contentSchema,
});

/**
 * Schema of `knowledge-base.json`: `{ version: 1, office, articles: Article[] }`. Every article
 * needs `content.<lang>` with a non-empty `title`, `answer` and `keywords` for every registered
 * language; article ids must be unique kebab-case.
 */
export const knowledgeBaseFileSchema = z.object({
  version: z.literal(1),
  office: z.string().min(1),
  articles: z
    .array(articleSchema)
    .min(1)
    .superRefine((articles, ctx) => {
      const seen = new Set<string>();
      articles.forEach((a, i) => {
        if (seen.has(a.id)) ctx.addIssue({ code: 'custom', message: `duplicate article id "${a.id}"`, path: [i, 'id'] });
        seen.add(a.id);
      });
    }),
});

/** Parsed knowledge-base file. */
export type KnowledgeBaseFile = z.infer<typeof knowledgeBaseFileSchema>;
/** One article: id, category, department and per-language `{ title, answer, keywords }`. */
export type Article = z.infer<typeof articleSchema>;
/** An article with the published version it comes from (absent when loaded from a file). */
export type VersionedArticle = Article & { version?: number };
/** An article's text in one language. */
export type LocalizedArticle = z.infer<typeof localizedSchema>;

/** Thrown when a knowledge-base file is unreadable or fails validation; the message names the field. */
export class KnowledgeBaseError extends Error {
  override name = 'KnowledgeBaseError';
}

/** Formats zod issues as `articles[3].content.ja.title: Invalid input: ...`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path
        .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`))
        .join('');
      return `${path || '(root)'}: ${issue.message}`;
    })
    .join('; ');
}

import { KB_LANGUAGES, KB_SOURCE_LANGUAGE, KbContentInput, KbSlug, type KbArticleVersion, type KbContent, type KbTranslationState, type Language } from '@telekiosk/shared';

/** One language of the knowledge editor as typed: keywords are comma-separated text, example questions one per line. */
export interface LangForm {
  title: string;
  answer: string;
  keywords: string;
  /** Questions in visitors' words, one per line (optional). */
  questions: string;
}
export type ContentForm = Record<Language, LangForm>;

/** The editor's columns: the source language (`en`) first, then the other conversation languages. */
export const EDITOR_LANGUAGES: readonly Language[] = [KB_SOURCE_LANGUAGE, ...KB_LANGUAGES.filter((l) => l !== KB_SOURCE_LANGUAGE)];

const EMPTY: LangForm = { title: '', answer: '', keywords: '', questions: '' };

/** Example questions from text, one per line; trimmed, no blanks or repeats. */
export function parseQuestions(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const q = line.trim().replace(/\s+/g, ' ');
    if (q && !out.includes(q)) out.push(q);
  }
  return out;
}

/** Keywords from comma-separated text (`,`, the ideographic `、` and the full-width `，` all separate); trimmed, no blanks or repeats. */
export function parseKeywords(text: string): string[] {
  const out: string[] = [];
  for (const k of text.split(/[,、，;；]/)) {
    const w = k.trim().replace(/\s+/g, ' ');
    if (w && !out.includes(w)) out.push(w);
  }
  return out;
}

/** The editor's form for stored content (languages without text are empty). */
export function formFromContent(content: KbContent | undefined): ContentForm {
  const form = {} as ContentForm;
  for (const l of KB_LANGUAGES) {
    const c = content?.[l];
    form[l] = c ? { title: c.title, answer: c.answer, keywords: c.keywords.join(', '), questions: (c.questions ?? []).join('\n') } : { ...EMPTY };
  }
  return form;
}

/** Whether a language of the form has nothing typed (it is left out: a missing translation). */
export function isBlank(f: LangForm): boolean {
  return !f.title.trim() && !f.answer.trim() && parseKeywords(f.keywords).length === 0 && parseQuestions(f.questions).length === 0;
}

/** Why a language cannot be saved: a field left empty (title, answer, keywords) while others are filled. */
export type LangProblem = 'title' | 'answer' | 'keywords';

export type ContentResult = { ok: true; content: KbContentInput } | { ok: false; problems: Partial<Record<Language, LangProblem[]>>; empty: boolean };

/**
 * The content to save: every language with text (title, answer and at least one keyword each);
 * blank languages are left out. Fails naming the incomplete languages, or `empty` when no
 * language has text.
 */
export function contentFromForm(form: ContentForm): ContentResult {
  const content: Record<string, { title: string; answer: string; keywords: string[]; questions: string[] }> = {};
  const problems: Partial<Record<Language, LangProblem[]>> = {};
  for (const l of KB_LANGUAGES) {
    const f = form[l];
    if (isBlank(f)) continue;
    const keywords = parseKeywords(f.keywords);
    const missing: LangProblem[] = [];
    if (!f.title.trim()) missing.push('title');
    if (!f.answer.trim()) missing.push('answer');
    if (keywords.length === 0) missing.push('keywords');
    if (missing.length) problems[l] = missing;
    else content[l] = { title: f.title.trim(), answer: f.answer.trim(), keywords, questions: parseQuestions(f.questions) };
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems, empty: false };
  const parsed = KbContentInput.safeParse(content);
  if (!parsed.success) return { ok: false, problems: {}, empty: Object.keys(content).length === 0 };
  return { ok: true, content: parsed.data };
}

/** Whether two forms say the same (keywords and questions compared as lists). */
export function sameForm(a: ContentForm, b: ContentForm): boolean {
  return KB_LANGUAGES.every((l) => {
    const x = a[l];
    const y = b[l];
    return x.title.trim() === y.title.trim() && x.answer.trim() === y.answer.trim() && parseKeywords(x.keywords).join('\n') === parseKeywords(y.keywords).join('\n') && parseQuestions(x.questions).join('\n') === parseQuestions(y.questions).join('\n');
  });
}

/** Whether `id` is a valid article id, category or department (kebab-case, 1-64 characters). */
export function isKbSlug(id: string): boolean {
  return id.length > 0 && KbSlug.safeParse(id).success;
}

/** A kebab-case id suggested from text (ASCII letters and digits only; empty when there are none). */
export function slugSuggestion(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

/**
 * Translation state of each language against the source (as the server computes it for the
 * list): `missing`, `stale` (last edited before the source text) or `current`.
 */
export function translationStates(content: KbContent | undefined): Record<Language, KbTranslationState> {
  const source = content?.[KB_SOURCE_LANGUAGE];
  const out = {} as Record<Language, KbTranslationState>;
  for (const l of KB_LANGUAGES) {
    const c = content?.[l];
    out[l] = !c ? 'missing' : l !== KB_SOURCE_LANGUAGE && source && Date.parse(c.editedAt) < Date.parse(source.editedAt) ? 'stale' : 'current';
  }
  return out;
}

/** Which editor buttons apply to an article (newest version first); `dirty`: unsaved edits. */
export interface EditorActions {
  save: boolean;
  submit: boolean;
  publish: boolean;
  retire: boolean;
  /** Saving starts a new draft version (the newest is in review, published or retired). */
  saveStartsVersion: boolean;
  /** Why Submit/Publish wait: unsaved edits, or no source-language text. */
  blockedBy: 'unsaved' | 'noSource' | null;
}

/** The editor buttons enabled for the article's versions (newest first) and the form's state. */
export function editorActions(versions: readonly KbArticleVersion[], dirty: boolean): EditorActions {
  const newest = versions[0];
  const status = newest?.status;
  const hasSource = !!newest?.content[KB_SOURCE_LANGUAGE];
  const canSubmit = status === 'draft';
  const canPublish = (status === 'draft' || status === 'review') && hasSource;
  const blockedBy = (canSubmit || status === 'review') && dirty ? 'unsaved' : (status === 'draft' || status === 'review') && !hasSource ? 'noSource' : null;
  return {
    save: !newest || dirty || status !== 'draft',
    submit: canSubmit && !dirty,
    publish: canPublish && !dirty,
    retire: versions.some((v) => v.status === 'published'),
    saveStartsVersion: !!newest && status !== 'draft',
    blockedBy,
  };
}

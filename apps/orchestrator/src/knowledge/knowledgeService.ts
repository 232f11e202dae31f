/**
 * The knowledge base as managed content: articles in the database with versions (draft, review,
 * published, retired), edited by knowledge editors in the console. The assistant answers only
 * from published versions: {@link KnowledgeService.kb} is the live, searchable knowledge base,
 * rebuilt in place when an editor publishes or retires (on every node of a cluster).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import { KB_SOURCE_LANGUAGE, KbContent, KbFile, LANGUAGES, type KbArticleSummary, type KbArticleVersion, type KbContentInput, type KbStatus, type KbTranslationState, type Language } from '@telekiosk/shared';
import type { DatabaseSchema } from '../db/schema.ts';
import { OrchestratorError } from '../errors.ts';
import { KnowledgeBase } from '../intake/knowledgeBase.ts';
import type { Logger } from '../logger.ts';

/** Audit sink (the auth store's `audit`): every editor action is recorded. */
export interface AuditSink {
  audit(e: { actor: string; action: string; subject: string; data?: Record<string, unknown> }, at: Date): Promise<void>;
}

/** How publications reach the other nodes (NodeRpc's broadcast in a cluster). */
export interface KnowledgeBus {
  broadcast(event: string, payload: unknown): void;
  onBroadcast(event: string, fn: (payload: unknown) => void): void;
}

type Row = {
  article_id: string;
  version: number;
  status: string;
  category: string;
  department: string;
  content: unknown;
  created_by: string;
  created_at: Date | string;
  updated_at: Date | string;
  published_at: Date | string | null;
};

const iso = (d: Date | string) => new Date(d).toISOString();

/** Formats zod issues as `articles[3].content.ja.title: ...` (at most 5). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
      return `${path || '(root)'}: ${issue.message}`;
    })
    .join('; ');
}

function toVersion(r: Row): KbArticleVersion {
  return {
    articleId: r.article_id,
    version: r.version,
    status: r.status as KbStatus,
    category: r.category,
    department: r.department,
    content: KbContent.parse(r.content),
    createdBy: r.created_by,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    publishedAt: r.published_at ? iso(r.published_at) : null,
  };
}

/**
 * Translation state of every language against the source: `missing`, `stale` (last edited before
 * the source text was) or `current`.
 */
export function translationStates(content: KbContent): Record<Language, KbTranslationState> {
  const source = content[KB_SOURCE_LANGUAGE];
  const out = {} as Record<Language, KbTranslationState>;
  for (const l of LANGUAGES) {
    const c = content[l];
    out[l] = !c ? 'missing' : l !== KB_SOURCE_LANGUAGE && source && Date.parse(c.editedAt) < Date.parse(source.editedAt) ? 'stale' : 'current';
  }
  return out;
}

type Texts = { title: string; answer: string; keywords: string[]; questions?: string[] };
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((k, i) => k === b[i]);
const same = (a: Texts | undefined, b: Texts | undefined) =>
  !!a && !!b && a.title === b.title && a.answer === b.answer && sameList(a.keywords, b.keywords) && sameList(a.questions ?? [], b.questions ?? []);

/**
 * Stored content for edited input: a language whose text did not change keeps its `editedAt`
 * (so a translation stays as current or as stale as it was); changed or new ones get `now`.
 */
export function withEditTimes(input: KbContentInput, previous: KbContent | null, now: Date): KbContent {
  const out: KbContent = {};
  for (const l of LANGUAGES) {
    const c = input[l];
    if (!c) continue;
    const prev = previous?.[l];
    out[l] = { title: c.title, answer: c.answer, keywords: c.keywords, questions: c.questions ?? [], editedAt: same(c, prev) && prev ? prev.editedAt : now.toISOString() };
  }
  return out;
}

/** Knowledge-base content in the database; see the module comment. */
export class KnowledgeService {
  /** The live knowledge base the assistant answers from (published versions only). */
  readonly kb: KnowledgeBase;
  private office: string;
  private bus: KnowledgeBus | null = null;
  private readonly listeners: (() => void)[] = [];

  private constructor(
    private readonly deps: { db: Kysely<DatabaseSchema>; audit: AuditSink; logger: Logger; now?: () => number },
    office: string,
    kb: KnowledgeBase,
  ) {
    this.office = office;
    this.kb = kb;
  }

  /**
   * Loads the published articles; on a database without any article, imports `seedPath` (the
   * bundled `knowledge-base.json`) as version 1 of every article, published.
   * @throws KnowledgeBaseError when the seed file is unreadable or invalid (its path and the field are named).
   */
  static async start(deps: { db: Kysely<DatabaseSchema>; audit: AuditSink; logger: Logger; now?: () => number }, seedPath: string): Promise<KnowledgeService> {
    const any = await deps.db.selectFrom('kb_article_versions').select('article_id').limit(1).executeTakeFirst();
    if (!any) {
      const seed = KnowledgeBase.fromFile(seedPath); // validates the file (every language required)
      const at = new Date(deps.now ? deps.now() : Date.now());
      await deps.db.transaction().execute(async (trx) => {
        await trx.insertInto('kb_meta').values({ id: 1, office: seed.office }).onConflict((oc) => oc.column('id').doNothing()).execute();
        for (const a of seed.articles) {
          const content = Object.fromEntries(Object.entries(a.content).map(([l, c]) => [l, { ...c, editedAt: at.toISOString() }]));
          await trx
            .insertInto('kb_article_versions')
            .values({ article_id: a.id, version: 1, status: 'published', category: a.category, department: a.department, content: JSON.stringify(content), created_by: 'system:seed', created_at: at, updated_at: at, published_at: at })
            .onConflict((oc) => oc.columns(['article_id', 'version']).doNothing())
            .execute();
        }
      });
      deps.logger.info({ articles: seed.articles.length, seedPath }, 'knowledge base seeded from file into the database');
    }
    const meta = await deps.db.selectFrom('kb_meta').select('office').where('id', '=', 1).executeTakeFirst();
    const office = meta?.office ?? 'Office';
    const service = new KnowledgeService(deps, office, KnowledgeBase.fromArticles(office, []));
    await service.reload();
    return service;
  }

  private now(): Date {
    return new Date(this.deps.now ? this.deps.now() : Date.now());
  }

  /** Connects to the cluster's broadcast: a publication on any node reloads every node. */
  useBus(bus: KnowledgeBus): void {
    this.bus = bus;
    bus.onBroadcast('kb:published', () => {
      this.reload().catch((err: unknown) => this.deps.logger.error({ err }, 'knowledge base reload after a publication elsewhere failed'));
    });
  }

  /** Hears of every reload (after a publication here or on another node). */
  onReload(fn: () => void): void {
    this.listeners.push(fn);
  }

  /** Rebuilds the live knowledge base from the published versions. */
  async reload(): Promise<void> {
    const rows = (await this.deps.db.selectFrom('kb_article_versions').selectAll().where('status', '=', 'published').orderBy('article_id').execute()) as Row[];
    const articles = rows.flatMap((r) => {
      const v = toVersion(r);
      if (!v.content.en) {
        this.deps.logger.error({ articleId: v.articleId, version: v.version }, 'published article without English text skipped');
        return [];
      }
      return [{ id: v.articleId, category: v.category, department: v.department, version: v.version, content: v.content }];
    });
    this.kb.replaceWith(KnowledgeBase.fromArticles(this.office, articles));
    // Train the article classifiers now, a language at a time, rather than at the first visitor question.
    this.kb.warmUp().catch((err: unknown) => this.deps.logger.error({ err }, 'article classifier training failed'));
    for (const fn of this.listeners) fn();
  }

  /** Every article: newest version, published version, translation state. Ordered by id. */
  async list(): Promise<KbArticleSummary[]> {
    const rows = (await this.deps.db.selectFrom('kb_article_versions').selectAll().orderBy('article_id').orderBy('version', 'desc').execute()) as Row[];
    const out: KbArticleSummary[] = [];
    let current: string | null = null;
    for (const r of rows) {
      if (r.article_id === current) {
        if (r.status === 'published') out.at(-1)!.published = r.version;
        continue;
      }
      current = r.article_id;
      const v = toVersion(r);
      const titleLang = v.content.en ? 'en' : (LANGUAGES.find((l) => v.content[l]) ?? 'en');
      out.push({
        id: v.articleId,
        category: v.category,
        department: v.department,
        title: v.content[titleLang]?.title ?? v.articleId,
        published: r.status === 'published' ? r.version : null,
        latest: { version: v.version, status: v.status, updatedAt: v.updatedAt },
        translations: translationStates(v.content),
      });
    }
    return out;
  }

  /**
   * Every version of an article, newest first.
   * @throws OrchestratorError `not_found`.
   */
  async versions(articleId: string): Promise<KbArticleVersion[]> {
    const rows = (await this.deps.db.selectFrom('kb_article_versions').selectAll().where('article_id', '=', articleId).orderBy('version', 'desc').execute()) as Row[];
    if (rows.length === 0) throw new OrchestratorError('not_found', `articleId: no article "${articleId}"`);
    return rows.map(toVersion);
  }

  private async latest(trx: Transaction<DatabaseSchema>, articleId: string): Promise<Row | undefined> {
    // Row lock: two editors saving the same article at once serialise here.
    const r = await sql<Row>`select * from kb_article_versions where article_id = ${articleId} order by version desc limit 1 for update`.execute(trx);
    return r.rows[0];
  }

  /**
   * Saves a draft (see `kb:save` in packages/shared protocol/knowledge.ts).
   * @throws OrchestratorError `conflict` when `baseVersion` is not the newest version (someone else
   * saved first) or names a new article that exists; `not_found` for a `baseVersion` of an unknown article.
   */
  async save(actor: string, req: { articleId: string; baseVersion: number | null; category: string; department: string; content: KbContentInput }): Promise<KbArticleVersion> {
    const now = this.now();
    const saved = await this.deps.db.transaction().execute(async (trx) => {
      const latest = await this.latest(trx, req.articleId);
      if (req.baseVersion === null && latest) throw new OrchestratorError('conflict', `articleId: an article "${req.articleId}" already exists; edit it instead`);
      if (req.baseVersion !== null && !latest) throw new OrchestratorError('not_found', `articleId: no article "${req.articleId}"`);
      if (latest && latest.version !== req.baseVersion) throw new OrchestratorError('conflict', `baseVersion: version ${latest.version} is newer than ${req.baseVersion}; reload the article`);
      const previous = latest ? KbContent.parse(latest.content) : null;
      const content = JSON.stringify(withEditTimes(req.content, previous, now));
      if (latest && latest.status === 'draft') {
        const r = await trx
          .updateTable('kb_article_versions')
          .set({ category: req.category, department: req.department, content, updated_at: now })
          .where('article_id', '=', req.articleId)
          .where('version', '=', latest.version)
          .returningAll()
          .executeTakeFirstOrThrow();
        return r as Row;
      }
      const r = await trx
        .insertInto('kb_article_versions')
        .values({ article_id: req.articleId, version: (latest?.version ?? 0) + 1, status: 'draft', category: req.category, department: req.department, content, created_by: actor, created_at: now, updated_at: now, published_at: null })
        .returningAll()
        .executeTakeFirstOrThrow();
      return r as Row;
    });
    const v = toVersion(saved);
    await this.deps.audit.audit({ actor, action: 'kb.draft_saved', subject: `article:${v.articleId}`, data: { version: v.version } }, now);
    return v;
  }

  private async transition(actor: string, articleId: string, version: number, from: KbStatus[], to: KbStatus, action: string): Promise<KbArticleVersion> {
    const now = this.now();
    const row = await this.deps.db.transaction().execute(async (trx) => {
      await this.latest(trx, articleId); // lock the article's newest row
      const r = await trx.selectFrom('kb_article_versions').selectAll().where('article_id', '=', articleId).where('version', '=', version).executeTakeFirst();
      if (!r) throw new OrchestratorError('not_found', `version: article "${articleId}" has no version ${version}`);
      if (!from.includes(r.status as KbStatus)) throw new OrchestratorError('conflict', `version: version ${version} of "${articleId}" is ${r.status}, not ${from.join(' or ')}`);
      if (to === 'published') {
        const c = KbContent.parse(r.content);
        if (!c[KB_SOURCE_LANGUAGE]) throw new OrchestratorError('bad_request', `content.${KB_SOURCE_LANGUAGE}: an article needs its source-language text before it is published`);
        await trx.updateTable('kb_article_versions').set({ status: 'retired', updated_at: now }).where('article_id', '=', articleId).where('status', '=', 'published').execute();
      }
      return (await trx
        .updateTable('kb_article_versions')
        .set({ status: to, updated_at: now, ...(to === 'published' ? { published_at: now } : {}) })
        .where('article_id', '=', articleId)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirstOrThrow()) as Row;
    });
    await this.deps.audit.audit({ actor, action, subject: `article:${articleId}`, data: { version } }, now);
    return toVersion(row);
  }

  /** Draft -> review. @throws OrchestratorError `not_found`, `conflict` (not a draft). */
  submit(actor: string, articleId: string, version: number): Promise<KbArticleVersion> {
    return this.transition(actor, articleId, version, ['draft'], 'review', 'kb.submitted');
  }

  /**
   * Draft or review -> published; the previously published version is retired; every node's
   * assistant answers from it at once.
   * @throws OrchestratorError `not_found`, `conflict` (wrong state), `bad_request` (no source-language text).
   */
  async publish(actor: string, articleId: string, version: number): Promise<KbArticleVersion> {
    const v = await this.transition(actor, articleId, version, ['draft', 'review'], 'published', 'kb.published');
    await this.published();
    return v;
  }

  /** Withdraws the published version. @throws OrchestratorError `not_found` (nothing published). */
  async retire(actor: string, articleId: string): Promise<KbArticleVersion> {
    const r = await this.deps.db.selectFrom('kb_article_versions').select('version').where('article_id', '=', articleId).where('status', '=', 'published').executeTakeFirst();
    if (!r) throw new OrchestratorError('not_found', `articleId: "${articleId}" has no published version`);
    const v = await this.transition(actor, articleId, r.version, ['published'], 'retired', 'kb.retired');
    await this.published();
    return v;
  }

  private async published(): Promise<void> {
    await this.reload();
    this.bus?.broadcast('kb:published', {});
  }

  /** Every published article as a knowledge-base file. */
  async exportFile(actor: string): Promise<KbFile> {
    const rows = (await this.deps.db.selectFrom('kb_article_versions').selectAll().where('status', '=', 'published').orderBy('article_id').execute()) as Row[];
    const articles = rows.map((r) => {
      const v = toVersion(r);
      const content = Object.fromEntries(LANGUAGES.filter((l) => v.content[l]).map((l) => [l, { title: v.content[l]!.title, answer: v.content[l]!.answer, keywords: v.content[l]!.keywords, questions: v.content[l]!.questions ?? [] }]));
      return { id: v.articleId, category: v.category, department: v.department, content };
    });
    await this.deps.audit.audit({ actor, action: 'kb.exported', subject: 'kb', data: { articles: articles.length } }, this.now());
    return { version: 1, office: this.office, articles };
  }

  /**
   * Imports a knowledge-base file (JSON text): every article whose content, category or
   * department differs from its newest version becomes a draft (a newer draft, or the existing
   * draft updated). Nothing is published.
   * @throws OrchestratorError `bad_request` naming what is wrong (not JSON, or the field that fails validation); nothing is stored then.
   */
  async importFile(actor: string, text: string): Promise<{ drafted: string[]; unchanged: number }> {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new OrchestratorError('bad_request', `file: not JSON (${(err as Error).message})`);
    }
    const parsed = KbFile.safeParse(data);
    if (!parsed.success) throw new OrchestratorError('bad_request', `file: ${describeIssues(parsed.error)}`);
    const drafted: string[] = [];
    let unchanged = 0;
    const now = this.now();
    await this.deps.db.transaction().execute(async (trx) => {
      for (const a of parsed.data.articles) {
        const latest = await this.latest(trx, a.id);
        const prev = latest ? KbContent.parse(latest.content) : null;
        const content = withEditTimes(a.content, prev, now);
        const differs = !latest || latest.category !== a.category || latest.department !== a.department || LANGUAGES.some((l) => !!content[l] !== !!prev?.[l] || (content[l] && !same(content[l], prev?.[l])));
        if (!differs) {
          unchanged++;
          continue;
        }
        if (latest?.status === 'draft') {
          await trx.updateTable('kb_article_versions').set({ category: a.category, department: a.department, content: JSON.stringify(content), updated_at: now }).where('article_id', '=', a.id).where('version', '=', latest.version).execute();
        } else {
          await trx
            .insertInto('kb_article_versions')
            .values({ article_id: a.id, version: (latest?.version ?? 0) + 1, status: 'draft', category: a.category, department: a.department, content: JSON.stringify(content), created_by: actor, created_at: now, updated_at: now, published_at: null })
            .execute();
        }
        drafted.push(a.id);
      }
    });
    await this.deps.audit.audit({ actor, action: 'kb.imported', subject: 'kb', data: { drafted: drafted.length, unchanged } }, now);
    return { drafted, unchanged };
  }
}

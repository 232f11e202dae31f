import type { KbArticleVersion, KbContentInput } from '@telekiosk/shared';
import { RequestError } from '@telekiosk/shared/client';
import { errorMessage } from './errors.ts';
import type { KbAction, KbResult, KnowledgeState, OpenArticle } from './knowledgeState.ts';
import type { UiMessage } from './state.ts';
import type { SubClientDeps } from './subClient.ts';

/** File name of the knowledge-base export. */
export const KB_EXPORT_FILENAME = 'knowledge-base.json';

/** What the editor saves: the article's category, department and text per language. */
export interface ArticleDraft {
  category: string;
  department: string;
  content: KbContentInput;
}

/** A refusal as the editor shows it: `conflict` asks to reload (someone else changed the article). */
function kbError(err: unknown, scope: KbResult['scope']): KbResult {
  if (err instanceof RequestError && err.code === 'conflict') return { ok: false, scope, conflict: true, key: 'knowledge.conflict', detail: err.wire.message };
  return { ok: false, scope, ...errorMessage(err, 'errors.internal') };
}

/**
 * The knowledge editor's requests (`kb:*`, see packages/shared protocol/knowledge.ts): the article
 * list, the open article and its versions, saving and the status changes, import and export, and
 * knowledge gaps. State goes to `ConsoleState.knowledge`; after each change the article and the
 * list are reloaded so that versions and translation states are the server's.
 */
export class KnowledgeClient {
  constructor(private readonly d: SubClientDeps) {}

  private patch(p: Partial<KnowledgeState> | ((k: KnowledgeState) => Partial<KnowledgeState>)) {
    this.d.update((s) => ({ ...s, knowledge: { ...s.knowledge, ...(typeof p === 'function' ? p(s.knowledge) : p) } }));
  }

  private patchOpen(articleId: string, p: Partial<OpenArticle>) {
    this.patch((k) => (k.open?.articleId === articleId ? { open: { ...k.open, ...p } } : {}));
  }

  /** Loads every article (newest version first) with its translation states. */
  async loadList(): Promise<void> {
    this.patch((k) => ({ list: { ...k.list, status: k.list.status === 'ready' ? 'ready' : 'loading', error: null } }));
    try {
      const { articles } = await this.d.req('kb:list', {});
      this.patch({ list: { status: 'ready', articles, error: null } });
    } catch (err) {
      this.patch((k) => ({ list: { ...k.list, status: 'error', error: errorMessage(err, 'errors.internal') } }));
    }
  }

  /** Opens an article in the editor: every version, newest first. */
  async openArticle(articleId: string): Promise<void> {
    this.patch({ open: { articleId, status: 'loading', versions: [], isNew: false, error: null }, result: null });
    await this.reloadOpen(articleId);
  }

  private async reloadOpen(articleId: string): Promise<void> {
    try {
      const { versions } = await this.d.req('kb:article', { articleId });
      this.patchOpen(articleId, { status: 'ready', versions, isNew: false, error: null });
    } catch (err) {
      this.patchOpen(articleId, { status: 'error', error: errorMessage(err, 'errors.internal') });
    }
  }

  /** Reloads the open article (after a conflict: the editor shows the newest version, local edits are dropped). */
  async reloadArticle(): Promise<void> {
    const open = this.d.getState().knowledge.open;
    if (!open || open.isNew) return;
    this.patch({ result: null });
    await this.reloadOpen(open.articleId);
  }

  /**
   * "New article": an empty editor for `articleId` (kebab-case, checked by the form). An id that
   * exists already opens that article instead. @returns whether it was new.
   */
  newArticle(articleId: string): boolean {
    if (this.d.getState().knowledge.list.articles.some((a) => a.id === articleId)) {
      void this.openArticle(articleId);
      return false;
    }
    this.patch({ open: { articleId, status: 'ready', versions: [], isNew: true, error: null }, result: null });
    return true;
  }

  /** Closes the editor. */
  closeArticle(): void {
    this.patch({ open: null, result: null });
  }

  /** Clears the outcome line. */
  clearResult(): void {
    this.patch({ result: null });
  }

  /**
   * Runs one editor action at a time: shows its outcome, reloads the open article and the list
   * on success. @returns the new version on success, null otherwise.
   */
  private async action(kind: KbAction, run: (open: OpenArticle) => Promise<KbArticleVersion>, ok: (v: KbArticleVersion) => UiMessage): Promise<KbArticleVersion | null> {
    const { open, pending } = this.d.getState().knowledge;
    if (!open || open.status !== 'ready' || pending) return null;
    this.patch({ pending: kind, result: null });
    try {
      const version = await run(open);
      this.patch((k) => ({
        pending: null,
        result: { ok: true, scope: 'editor', ...ok(version) },
        open: k.open?.articleId === open.articleId ? { ...k.open, isNew: false, versions: upsertVersion(k.open.versions, version) } : k.open,
      }));
      void this.reloadOpen(open.articleId);
      void this.loadList();
      return version;
    } catch (err) {
      // A new article whose id is taken is not an edit conflict: nothing to reload, choose another id.
      const taken = open.isNew && err instanceof RequestError && err.code === 'conflict';
      this.patch({ pending: null, result: taken ? { ok: false, scope: 'editor', key: 'knowledge.idTaken', detail: err.wire.message } : kbError(err, 'editor') });
      return null;
    }
  }

  /**
   * Saves the editor's content as a draft: updates the newest version when it is a draft, else
   * starts a new draft version; a new article is created (`baseVersion: null`).
   */
  save(draft: ArticleDraft): Promise<KbArticleVersion | null> {
    return this.action(
      'save',
      async (open) => (await this.d.req('kb:save', { articleId: open.articleId, baseVersion: open.isNew ? null : (open.versions[0]?.version ?? null), ...draft })).version,
      (v) => ({ key: 'knowledge.result.saved', params: { version: v.version } }),
    );
  }

  /** Submits the newest version (a draft) for review. */
  submit(): Promise<KbArticleVersion | null> {
    return this.transition('submit', 'knowledge.result.submitted');
  }

  /** Publishes the newest version (draft or in review): the assistant answers from it at once. */
  publish(): Promise<KbArticleVersion | null> {
    return this.transition('publish', 'knowledge.result.published');
  }

  private transition(kind: 'submit' | 'publish', key: string) {
    return this.action(
      kind,
      async (open) => {
        const newest = open.versions[0];
        if (!newest) throw new RequestError(`kb:${kind}`, { code: 'not_found', message: 'save the article first' });
        return (await this.d.req(kind === 'submit' ? 'kb:submit' : 'kb:publish', { articleId: open.articleId, version: newest.version })).version;
      },
      (v) => ({ key, params: { version: v.version } }),
    );
  }

  /** Withdraws the published version: the assistant stops answering from the article. */
  retire(): Promise<KbArticleVersion | null> {
    return this.action('retire', async (open) => (await this.d.req('kb:retire', { articleId: open.articleId })).version, (v) => ({ key: 'knowledge.result.retired', params: { version: v.version } }));
  }

  /** Downloads every published article as `knowledge-base.json`. @returns true when saved. */
  async exportFile(): Promise<boolean> {
    if (this.d.getState().knowledge.pending) return false;
    this.patch({ pending: 'export', result: null });
    try {
      const { file } = await this.d.req('kb:export', {}, 30_000);
      this.d.saveFile(new Blob([`${JSON.stringify(file, null, 2)}\n`], { type: 'application/json' }), KB_EXPORT_FILENAME);
      this.patch({ pending: null, result: { ok: true, scope: 'file', key: 'knowledge.result.exported', params: { count: file.articles.length } } });
      return true;
    } catch (err) {
      this.patch({ pending: null, result: kbError(err, 'file') });
      return false;
    }
  }

  /**
   * Imports a knowledge-base file (its JSON text): each changed article becomes a new draft,
   * nothing is published. @returns true when the server took it.
   */
  async importFile(text: string): Promise<boolean> {
    if (this.d.getState().knowledge.pending) return false;
    this.patch({ pending: 'import', result: null, imported: null });
    try {
      const imported = await this.d.req('kb:import', { file: text }, 60_000);
      this.patch({ pending: null, imported, result: { ok: true, scope: 'file', key: 'knowledge.result.imported', params: { count: imported.drafted.length, unchanged: imported.unchanged } } });
      void this.loadList();
      return true;
    } catch (err) {
      this.patch({ pending: null, result: kbError(err, 'file') });
      return false;
    }
  }

  /** A file the browser could not read (shown with the file actions). */
  importProblem(detail: string): void {
    this.patch({ result: { ok: false, scope: 'file', key: 'knowledge.importUnreadable', detail } });
  }

  /** Loads the knowledge gaps of the last `days` (questions the assistant could not answer), most frequent first. */
  async loadGaps(days = this.d.getState().knowledge.gaps.days): Promise<void> {
    this.patch((k) => ({ gaps: { ...k.gaps, days, status: 'loading', error: null } }));
    try {
      const { gaps } = await this.d.req('kb:gaps', { days }, 20_000);
      this.patch((k) => (k.gaps.days === days ? { gaps: { status: 'ready', items: gaps, days, error: null } } : {}));
    } catch (err) {
      this.patch((k) => ({ gaps: { ...k.gaps, status: 'error', error: errorMessage(err, 'errors.internal') } }));
    }
  }

  /**
   * Turns a knowledge gap into a draft article `articleId` and opens it in the editor.
   * @returns null on success, else the message for the gap's form (an id in use: `conflict`).
   */
  async draftFromGap(gapId: string, articleId: string): Promise<KbResult | null> {
    const k = this.d.getState().knowledge;
    if (k.pending) return { ok: false, scope: 'gaps', key: 'knowledge.busy' };
    this.patch({ pending: 'gapDraft', result: null });
    try {
      const { version } = await this.d.req('kb:gap-draft', { gapId, articleId, days: k.gaps.days });
      this.patch({ pending: null, open: { articleId, status: 'ready', versions: [version], isNew: false, error: null }, result: { ok: true, scope: 'editor', key: 'knowledge.result.gapDrafted', params: { id: articleId } } });
      void this.loadList();
      return null;
    } catch (err) {
      const result: KbResult = err instanceof RequestError && err.code === 'conflict' ? { ok: false, scope: 'gaps', key: 'knowledge.idTaken', detail: err.wire.message } : kbError(err, 'gaps');
      this.patch({ pending: null });
      return result;
    }
  }
}

/** Versions newest first with `v` in place of the same version number (or added). */
export function upsertVersion(versions: readonly KbArticleVersion[], v: KbArticleVersion): KbArticleVersion[] {
  return [...versions.filter((x) => x.version !== v.version), v].sort((a, b) => b.version - a.version);
}

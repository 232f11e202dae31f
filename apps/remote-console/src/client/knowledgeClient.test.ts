import { describe, expect, it } from 'vitest';
import type { KbArticleSummary, KbArticleVersion, Language, WorkerView } from '@telekiosk/shared';
import { KB_EXPORT_FILENAME, upsertVersion } from './knowledgeClient.ts';
import { flush, refuse, signedIn, type Answers } from './fakeSocket.test-util.ts';

const T0 = '2026-11-21T09:30:00.000Z';
const editor: WorkerView = { id: 'e-nadia', username: 'nadia', displayName: 'Nadia Haddad', role: 'editor', languages: ['en', 'fr'], state: 'offline' };

const version = (v: number, status: KbArticleVersion['status'], over: Partial<KbArticleVersion> = {}): KbArticleVersion => ({
  articleId: 'office-hours',
  version: v,
  status,
  category: 'hours',
  department: 'general',
  content: { en: { title: 'Office hours', answer: 'Weekdays 8:30 to 17:15.', keywords: ['hours'], editedAt: T0 } },
  createdBy: 'worker:e-nadia',
  createdAt: T0,
  updatedAt: T0,
  publishedAt: status === 'published' ? T0 : null,
  ...over,
});

const summary = (id: string): KbArticleSummary => ({
  id,
  category: 'hours',
  department: 'general',
  title: 'Office hours',
  published: 1,
  latest: { version: 2, status: 'draft', updatedAt: T0 },
  translations: Object.fromEntries(['en', 'ja', 'es', 'zh', 'ko', 'fr', 'de', 'pt'].map((l) => [l, l === 'en' ? 'current' : 'missing'])) as Record<Language, 'current' | 'missing'>,
});

const ok = (data: unknown) => () => ({ ok: true as const, data });

/** An editor signed in with `office-hours` (draft v2 over published v1) on the server. */
async function editorClient(answers: Answers = {}) {
  const c = await signedIn(editor, {
    'kb:list': ok({ articles: [summary('office-hours')], languages: ['en', 'ja', 'es', 'zh', 'ko', 'fr', 'de', 'pt'] }),
    'kb:article': ok({ versions: [version(2, 'draft'), version(1, 'published')] }),
    ...answers,
  });
  return { ...c, payloads: (event: string) => c.socket.emitted.filter((e) => e.event === event).map((e) => e.payload) };
}

describe('knowledge client (editors)', () => {
  it('an editor takes no visitors: hello loads no fleet, canned replies or callbacks', async () => {
    const { events, client } = await editorClient();
    expect(events()).toEqual(['console:hello']);
    expect(client.getSnapshot()).toMatchObject({ phase: 'ready', worker: { role: 'editor' }, knowledge: { list: { status: 'idle' } } });
  });

  it('loads the article list and opens an article with its versions', async () => {
    const { client } = await editorClient();
    const loading = client.knowledge.loadList();
    expect(client.getSnapshot().knowledge.list.status).toBe('loading');
    await loading;
    expect(client.getSnapshot().knowledge.list).toMatchObject({ status: 'ready', articles: [{ id: 'office-hours' }] });
    await client.knowledge.openArticle('office-hours');
    expect(client.getSnapshot().knowledge.open).toMatchObject({ articleId: 'office-hours', status: 'ready', isNew: false });
    expect(client.getSnapshot().knowledge.open?.versions.map((v) => v.version)).toEqual([2, 1]);
  });

  it('saves a draft on the newest version, then reloads the article and the list', async () => {
    const { client, payloads } = await editorClient({ 'kb:save': ok({ version: version(2, 'draft', { updatedAt: '2026-11-21T10:00:00.000Z' }) }) });
    await client.knowledge.openArticle('office-hours');
    const content = { en: { title: 'Office hours', answer: 'Weekdays 8:30 to 17:00.', keywords: ['hours', 'open'] } };
    const saved = await client.knowledge.save({ category: 'hours', department: 'general', content });
    expect(saved?.version).toBe(2);
    expect(payloads('kb:save')).toEqual([{ articleId: 'office-hours', baseVersion: 2, category: 'hours', department: 'general', content }]);
    expect(client.getSnapshot().knowledge).toMatchObject({ pending: null, result: { ok: true, scope: 'editor', key: 'knowledge.result.saved', params: { version: 2 } } });
    await flush();
    expect(payloads('kb:article')).toHaveLength(2);
    expect(payloads('kb:list')).toHaveLength(1);
  });

  it('a conflict (someone else saved first) asks to reload; reloading fetches the newest version', async () => {
    const { client, payloads } = await editorClient({ 'kb:save': () => refuse('conflict', 'baseVersion: version 3 is newer than 2; reload the article') });
    await client.knowledge.openArticle('office-hours');
    expect(await client.knowledge.save({ category: 'hours', department: 'general', content: { en: { title: 'T', answer: 'A', keywords: ['k'] } } })).toBeNull();
    expect(client.getSnapshot().knowledge.result).toMatchObject({ ok: false, conflict: true, scope: 'editor', key: 'knowledge.conflict', detail: 'baseVersion: version 3 is newer than 2; reload the article' });
    await client.knowledge.reloadArticle();
    expect(payloads('kb:article')).toHaveLength(2);
    expect(client.getSnapshot().knowledge.result).toBeNull();
  });

  it('a new article is saved with baseVersion null; an id in use opens that article instead', async () => {
    const { client, payloads } = await editorClient({ 'kb:save': (p) => ok({ version: version(1, 'draft', { articleId: (p as { articleId: string }).articleId }) })() });
    await client.knowledge.loadList();
    expect(client.knowledge.newArticle('office-hours')).toBe(false);
    await flush();
    expect(client.getSnapshot().knowledge.open).toMatchObject({ articleId: 'office-hours', isNew: false });
    expect(client.knowledge.newArticle('bicycle-parking')).toBe(true);
    expect(client.getSnapshot().knowledge.open).toMatchObject({ articleId: 'bicycle-parking', isNew: true, versions: [] });
    await client.knowledge.save({ category: 'facilities', department: 'environment', content: { en: { title: 'Bicycle parking', answer: 'Behind the building.', keywords: ['bicycle'] } } });
    expect(payloads('kb:save')[0]).toMatchObject({ articleId: 'bicycle-parking', baseVersion: null });
    expect(client.getSnapshot().knowledge.open).toMatchObject({ articleId: 'bicycle-parking', isNew: false, versions: [{ version: 1 }] });
  });

  it('a new article whose id was taken meanwhile asks for another id (nothing to reload)', async () => {
    const { client } = await editorClient({ 'kb:save': () => refuse('conflict', 'articleId: an article "parking" already exists; edit it instead') });
    client.knowledge.newArticle('parking');
    await client.knowledge.save({ category: 'facilities', department: 'general', content: { en: { title: 'Parking', answer: 'Behind the building.', keywords: ['parking'] } } });
    expect(client.getSnapshot().knowledge.result).toEqual({ ok: false, scope: 'editor', key: 'knowledge.idTaken', detail: 'articleId: an article "parking" already exists; edit it instead' });
    expect(client.getSnapshot().knowledge.open).toMatchObject({ articleId: 'parking', isNew: true });
  });

  it('submits and publishes the newest version, and retires the published one', async () => {
    const { client, payloads } = await editorClient({
      'kb:submit': ok({ version: version(2, 'review') }),
      'kb:publish': ok({ version: version(2, 'published') }),
      'kb:retire': ok({ version: version(2, 'retired') }),
    });
    await client.knowledge.openArticle('office-hours');
    await client.knowledge.submit();
    expect(payloads('kb:submit')).toEqual([{ articleId: 'office-hours', version: 2 }]);
    expect(client.getSnapshot().knowledge.result?.key).toBe('knowledge.result.submitted');
    await client.knowledge.publish();
    expect(payloads('kb:publish')).toEqual([{ articleId: 'office-hours', version: 2 }]);
    await client.knowledge.retire();
    expect(payloads('kb:retire')).toEqual([{ articleId: 'office-hours' }]);
    expect(client.getSnapshot().knowledge.result).toMatchObject({ ok: true, key: 'knowledge.result.retired', params: { version: 2 } });
  });

  it('exports knowledge-base.json and imports a file as text, listing the drafted ids', async () => {
    const file = { version: 1, office: 'Harbor City Office', articles: [{ id: 'office-hours', category: 'hours', department: 'general', content: { en: { title: 'Office hours', answer: 'Weekdays.', keywords: ['hours'] } } }] };
    const { client, saved, payloads } = await editorClient({ 'kb:export': ok({ file }), 'kb:import': ok({ drafted: ['office-hours'], unchanged: 24 }) });
    expect(await client.knowledge.exportFile()).toBe(true);
    expect(saved.map((s) => s.name)).toEqual([KB_EXPORT_FILENAME]);
    expect(JSON.parse(await saved[0]!.blob.text())).toEqual(file);
    expect(client.getSnapshot().knowledge.result).toMatchObject({ ok: true, scope: 'file', params: { count: 1 } });
    const text = JSON.stringify(file);
    expect(await client.knowledge.importFile(text)).toBe(true);
    expect(payloads('kb:import')).toEqual([{ file: text }]);
    expect(client.getSnapshot().knowledge).toMatchObject({ imported: { drafted: ['office-hours'], unchanged: 24 }, result: { ok: true, scope: 'file', key: 'knowledge.result.imported', params: { count: 1, unchanged: 24 } } });
  });

  it('shows why an import was refused', async () => {
    const { client } = await editorClient({ 'kb:import': () => refuse('bad_request', 'file: articles.0.id: must be kebab-case') });
    expect(await client.knowledge.importFile('{"version":1}')).toBe(false);
    expect(client.getSnapshot().knowledge).toMatchObject({ pending: null, imported: null, result: { ok: false, scope: 'file', key: 'errors.bad_request', detail: 'file: articles.0.id: must be kebab-case' } });
  });

  it('loads gaps and turns one into a draft that opens in the editor; an id in use stays in the gap form', async () => {
    const gap = { id: 'g-1', language: 'en', examples: ['Where can I park my bicycle?'], count: 14, escalations: 5, lastAt: T0 };
    let taken = false;
    const { client, payloads } = await editorClient({
      'kb:gaps': ok({ gaps: [gap] }),
      'kb:gap-draft': (p) => (taken ? refuse('conflict', 'articleId: an article "bicycle-parking" already exists') : ok({ version: version(1, 'draft', { articleId: (p as { articleId: string }).articleId }) })()),
    });
    await client.knowledge.loadGaps(7);
    expect(payloads('kb:gaps')).toEqual([{ days: 7 }]);
    expect(client.getSnapshot().knowledge.gaps).toMatchObject({ status: 'ready', days: 7, items: [{ id: 'g-1' }] });
    expect(await client.knowledge.draftFromGap('g-1', 'bicycle-parking')).toBeNull();
    expect(payloads('kb:gap-draft')).toEqual([{ gapId: 'g-1', articleId: 'bicycle-parking', days: 7 }]);
    expect(client.getSnapshot().knowledge.open).toMatchObject({ articleId: 'bicycle-parking', status: 'ready', versions: [{ version: 1, status: 'draft' }] });
    taken = true;
    expect(await client.knowledge.draftFromGap('g-1', 'bicycle-parking')).toMatchObject({ ok: false, scope: 'gaps', key: 'knowledge.idTaken' });
    expect(client.getSnapshot().knowledge.pending).toBeNull();
  });

  it('keeps versions newest first when one is replaced', () => {
    expect(upsertVersion([version(2, 'draft'), version(1, 'published')], version(3, 'draft')).map((v) => v.version)).toEqual([3, 2, 1]);
    expect(upsertVersion([version(2, 'draft'), version(1, 'published')], version(2, 'review')).map((v) => [v.version, v.status])).toEqual([
      [2, 'review'],
      [1, 'published'],
    ]);
  });
});

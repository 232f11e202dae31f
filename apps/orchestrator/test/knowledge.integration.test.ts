import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { KbArticleSummary, KbArticleVersion } from '@telekiosk/shared';
import { loadConfig } from '../src/config.ts';
import { startOrchestrator, type Orchestrator } from '../src/server.ts';
import { ask, consoleSocket, kioskSocket, next, ok } from './helpers.ts';

/**
 * The people who make the AI better, against a real orchestrator with the embedded assistant
 * (no fake intake): the knowledge base in the database with versions, the assistant answering
 * only from published versions, verdicts at wrap-up, the trainers' review queue and export,
 * knowledge gaps. Everything on PGlite in memory.
 */
describe('knowledge editors, AI trainers and verdicts', () => {
  let orch: Orchestrator;
  const sockets: Socket[] = [];
  const track = (s: Socket) => (sockets.push(s), s);

  beforeAll(async () => {
    const config = loadConfig({}, { port: 0, dataDir: 'memory://', logLevel: 'silent', wrapUpMs: 100, routingLanguageFallbackMs: 0, reviewSampleRatePercent: 100 });
    orch = await startOrchestrator(config, {});
  }, 120_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await orch?.close();
  });

  /** Leaves the kiosk's current session (if any), starts a new one in `language` and asks `text`; returns the assistant's reply and the session id. */
  async function askAssistant(kiosk: Socket, text: string, language = 'en'): Promise<{ reply: string; sessionId: string; state: string }> {
    const { session } = await ok(kiosk, 'session:start', { language, consentAcceptedAt: new Date().toISOString(), mode: 'assistant' });
    const r = await ok(kiosk, 'visitor:message', { sessionId: session.id, text });
    const reply = r.entries.find((e: { speaker: string }) => e.speaker === 'assistant')?.text ?? '';
    return { reply, sessionId: session.id, state: r.session.state };
  }
  /** Waits until the session's `intake_answered` events number `n` (they are stored in the background). */
  async function answeredEvents(sessionId: string, n: number) {
    for (let i = 0; i < 400; i++) {
      const evs = (await orch.store.events(sessionId)).filter((e) => e.type === 'intake_answered');
      if (evs.length >= n) return evs;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`no ${n} intake_answered events for ${sessionId}`);
  }
  const leave = (kiosk: Socket, sessionId: string) => ok(kiosk, 'session:leave', { sessionId, reason: 'visitor_left' });

  it('seeds the database from the file; the assistant answers only from published versions and records the version; drafts, review, publish, retire', async () => {
    const nadia = track(await consoleSocket(orch, 'nadia'));
    const olivia = track(await consoleSocket(orch, 'olivia'));
    const sam = track(await consoleSocket(orch, 'sam'));
    const kiosk = track(await kioskSocket(orch));

    const { articles } = await ok<{ articles: KbArticleSummary[] }>(nadia, 'kb:list');
    expect(articles.length).toBeGreaterThanOrEqual(25);
    const hours = articles.find((a) => a.id === 'office-hours')!;
    expect(hours).toMatchObject({ published: 1, latest: { version: 1, status: 'published' } });
    expect(Object.values(hours.translations).every((t) => t === 'current')).toBe(true);
    // Supervisors read; workers do not; nobody but editors writes.
    expect((await ok<{ articles: unknown[] }>(olivia, 'kb:list')).articles.length).toBe(articles.length);
    expect(await ask(sam, 'kb:list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const v1 = (await ok<{ versions: KbArticleVersion[] }>(nadia, 'kb:article', { articleId: 'office-hours' })).versions[0]!;
    const original = v1.content.en!.answer;
    const first = await askAssistant(kiosk, 'What are your opening hours?');
    expect(first.reply).toBe(original);
    const [ev1] = await answeredEvents(first.sessionId, 1);
    expect(ev1!.data).toMatchObject({ intent: 'kb:office-hours', article: { id: 'office-hours', version: 1 } });
    await leave(kiosk, first.sessionId);

    // An example question in visitors' words: found once published, not before.
    const FESTIVAL_EXAMPLE = 'Are you open during the lantern festival?';
    const festival = 'open for the lantern festival?';
    const edit = (answer: string) => ({
      articleId: 'office-hours',
      category: v1.category,
      department: v1.department,
      content: Object.fromEntries(Object.entries(v1.content).map(([l, c]) => [l, { title: c!.title, keywords: c!.keywords, answer: l === 'en' ? answer : c!.answer, questions: l === 'en' ? [FESTIVAL_EXAMPLE] : c!.questions }])),
    });
    const newAnswer = `${original} From January we also open on the first Sunday of each month, 10:00 to 14:00.`;
    expect(await ask(olivia, 'kb:save', { ...edit(newAnswer), baseVersion: 1 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const { version: draft } = await ok<{ version: KbArticleVersion }>(nadia, 'kb:save', { ...edit(newAnswer), baseVersion: 1 });
    expect(draft).toMatchObject({ version: 2, status: 'draft', createdBy: 'worker:e-nadia' });
    // The source changed, the translations did not: they are stale now.
    const listed = (await ok<{ articles: KbArticleSummary[] }>(nadia, 'kb:list')).articles.find((a) => a.id === 'office-hours')!;
    expect(listed).toMatchObject({ published: 1, latest: { version: 2, status: 'draft' }, translations: { en: 'current', ja: 'stale', pt: 'stale' } });
    // A second editor working from version 1 is told someone saved first; nothing is overwritten.
    expect(await ask(nadia, 'kb:save', { ...edit('Another answer entirely.'), baseVersion: 1 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // Saving the draft again updates it in place.
    const { version: draft2 } = await ok<{ version: KbArticleVersion }>(nadia, 'kb:save', { ...edit(newAnswer), baseVersion: 2 });
    expect(draft2.version).toBe(2);

    // The draft is not used.
    const second = await askAssistant(kiosk, 'What are your opening hours?');
    expect(second.reply).toBe(original);
    await leave(kiosk, second.sessionId);
    const festivalBefore = await askAssistant(kiosk, festival);
    expect(festivalBefore.reply).not.toBe(original);
    await leave(kiosk, festivalBefore.sessionId);

    await ok(nadia, 'kb:submit', { articleId: 'office-hours', version: 2 });
    expect(await ask(nadia, 'kb:submit', { articleId: 'office-hours', version: 2 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const { version: published } = await ok<{ version: KbArticleVersion }>(nadia, 'kb:publish', { articleId: 'office-hours', version: 2 });
    expect(published).toMatchObject({ version: 2, status: 'published' });
    const versions = (await ok<{ versions: KbArticleVersion[] }>(nadia, 'kb:article', { articleId: 'office-hours' })).versions;
    expect(versions.map((v) => [v.version, v.status])).toEqual([[2, 'published'], [1, 'retired']]);

    const third = await askAssistant(kiosk, 'What are your opening hours?');
    expect(third.reply).toBe(newAnswer);
    const [ev3] = await answeredEvents(third.sessionId, 1);
    expect(ev3!.data).toMatchObject({ article: { id: 'office-hours', version: 2 } });
    await leave(kiosk, third.sessionId);
    const festivalAfter = await askAssistant(kiosk, festival);
    expect(festivalAfter.reply).toBe(newAnswer);
    await leave(kiosk, festivalAfter.sessionId);

    // Retired: the assistant no longer answers from it.
    await ok(nadia, 'kb:retire', { articleId: 'office-hours' });
    const fourth = await askAssistant(kiosk, 'What are your opening hours?');
    expect(fourth.reply).not.toBe(newAnswer);
    expect(fourth.reply).not.toBe(original);
    await leave(kiosk, fourth.sessionId);
    // Publish again for the other tests (a new version from the retired one).
    const { version: again } = await ok<{ version: KbArticleVersion }>(nadia, 'kb:save', { ...edit(newAnswer), baseVersion: 2 });
    expect(again).toMatchObject({ version: 3, status: 'draft' });
    await ok(nadia, 'kb:publish', { articleId: 'office-hours', version: 3 });

    // Everything the editor did is in the audit trail.
    const audit = await orch.trust.auth.auditEvents({ subject: 'article:office-hours' });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['kb.draft_saved', 'kb.submitted', 'kb.published', 'kb.retired']));
    expect(audit.every((a) => a.actor === 'worker:e-nadia')).toBe(true);
  }, 120_000);

  it('refuses bad content and bad files with the field named; nothing stored changes; export and import round-trip', async () => {
    const nadia = track(await consoleSocket(orch, 'nadia'));
    const before = await orch.database.db.selectFrom('kb_article_versions').selectAll().orderBy('article_id').orderBy('version').execute();

    const empty = await ask(nadia, 'kb:save', { articleId: 'parking', baseVersion: null, category: 'general', department: 'general', content: { en: { title: ' ', answer: 'x', keywords: ['p'] } } });
    expect(empty).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(!empty.ok && empty.error.issues?.[0]?.path).toBe('content.en.title');
    const blankQuestion = await ask(nadia, 'kb:save', { articleId: 'parking', baseVersion: null, category: 'general', department: 'general', content: { en: { title: 'P', answer: 'x', keywords: ['p'], questions: ['Where?', ' '] } } });
    expect(!blankQuestion.ok && blankQuestion.error.issues?.[0]?.path).toBe('content.en.questions.1');
    const badId = await ask(nadia, 'kb:save', { articleId: 'Parking Lot', baseVersion: null, category: 'general', department: 'general', content: { en: { title: 'P', answer: 'x', keywords: ['p'] } } });
    expect(!badId.ok && badId.error.issues?.[0]?.path).toBe('articleId');
    const notJson = await ask(nadia, 'kb:import', { file: '{ "version": 1, ' });
    expect(notJson).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(!notJson.ok && notJson.error.message).toMatch(/^file: not JSON/);
    const tooBig = await ask(nadia, 'kb:import', { file: `{"version":1,"office":"${'é'.repeat(600_000)}"}` });
    expect(tooBig).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(!tooBig.ok && tooBig.error.issues?.[0]?.path).toBe('file');
    const invalid = await ask(nadia, 'kb:import', { file: JSON.stringify({ version: 1, office: 'X', articles: [{ id: 'office-hours', department: 'general', content: { en: { title: 'T', answer: 'A', keywords: ['k'] } } }] }) });
    expect(!invalid.ok && invalid.error.message).toMatch(/articles\[0\]\.category/);
    // Publishing an article without English text is refused.
    const { version: jaOnly } = await ok<{ version: KbArticleVersion }>(nadia, 'kb:save', { articleId: 'bicycle-parking', baseVersion: null, category: 'general', department: 'general', content: { ja: { title: '駐輪場', answer: '駐輪場は建物の裏です。', keywords: ['自転車', '駐輪'] } } });
    expect(await ask(nadia, 'kb:publish', { articleId: 'bicycle-parking', version: jaOnly.version })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const after = await orch.database.db.selectFrom('kb_article_versions').selectAll().where('article_id', '!=', 'bicycle-parking').orderBy('article_id').orderBy('version').execute();
    expect(after).toEqual(before);

    const { file } = await ok<{ file: { articles: { id: string; content: Record<string, { answer: string }> }[] } }>(nadia, 'kb:export');
    expect(file.articles.length).toBeGreaterThanOrEqual(25);
    const same = await ok<{ drafted: string[]; unchanged: number }>(nadia, 'kb:import', { file: JSON.stringify(file) });
    expect(same).toEqual({ drafted: [], unchanged: file.articles.length });
    const changed = structuredClone(file);
    changed.articles.find((a) => a.id === 'counter-directory')!.content.en!.answer = 'Counters moved: see the new floor plan at the entrance.';
    const imported = await ok<{ drafted: string[]; unchanged: number }>(nadia, 'kb:import', { file: JSON.stringify(changed) });
    expect(imported).toEqual({ drafted: ['counter-directory'], unchanged: file.articles.length - 1 });
    const cd = (await ok<{ versions: KbArticleVersion[] }>(nadia, 'kb:article', { articleId: 'counter-directory' })).versions;
    expect(cd[0]).toMatchObject({ status: 'draft', version: 2 });
    expect(cd[1]).toMatchObject({ status: 'published', version: 1 });
  }, 120_000);

  it('verdict at wrap-up from the worker who received the handoff; trainers review, label and export redacted conversations; gaps become drafts', async () => {
    const kiosk = track(await kioskSocket(orch));
    const sam = track(await consoleSocket(orch, 'sam'));
    const aiko = track(await consoleSocket(orch, 'aiko'));
    const tomas = track(await consoleSocket(orch, 'tomas'));
    const nadia = track(await consoleSocket(orch, 'nadia'));

    // Questions nobody wrote an article for, in separate sessions.
    // ("Where can I park my bicycle overnight?", "Is there bicycle parking overnight near the
    // office?" and, since the article classifier, "Can I leave my bicycle parked overnight?" are
    // answered now: the parking article mentions bicycle parking.)
    for (const q of ['Where can I leave my bicycle overnight?', 'Can I leave a bicycle here overnight?', 'Could I leave my bicycle locked here overnight?']) {
      const r = await askAssistant(kiosk, q);
      await answeredEvents(r.sessionId, 1);
      await leave(kiosk, r.sessionId);
    }
    // An AI-only conversation with personal data in it.
    const aiOnly = await askAssistant(kiosk, 'What are your opening hours? My email is jo.smith@example.com.');
    await answeredEvents(aiOnly.sessionId, 1);
    await leave(kiosk, aiOnly.sessionId);

    // A handoff: Sam receives it, ends it and gives a verdict.
    await ok(sam, 'console:hello');
    await ok(sam, 'worker:set-state', { state: 'available' });
    const offer = next(sam, 'offer:new');
    const { session } = await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'assistant' });
    await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'I would like to talk to a real person please' });
    const o = await offer;
    await ok(sam, 'offer:accept', { offerId: o.id });
    await ok(sam, 'session:end', { sessionId: session.id, disposition: 'resolved' });
    const verdict = { escalation: 'unnecessary', answers: 'none', package: 'missing', missing: 'their phone number +1 415 555 0100 was not in it' };
    expect(await ask(aiko, 'session:verdict', { sessionId: session.id, verdict })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ask(sam, 'session:verdict', { sessionId: session.id, verdict: { escalation: 'maybe' } })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await ask(sam, 'session:verdict', { sessionId: aiOnly.sessionId, verdict })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await ok(sam, 'session:verdict', { sessionId: session.id, verdict });
    const stored = await orch.database.db.selectFrom('session_verdicts').selectAll().where('session_id', '=', session.id).executeTakeFirstOrThrow();
    expect(stored.verdict).toMatchObject({ escalation: 'unnecessary', package: 'missing' });
    expect(JSON.stringify(stored.verdict)).not.toContain('555');

    // Review queue: workers cannot read it; trainers see the sampled and the flagged sessions.
    expect(await ask(sam, 'review:queue', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const { items, sampleRatePercent } = await ok<{ items: { sessionId: string; why: string[] }[]; sampleRatePercent: number }>(tomas, 'review:queue', {});
    expect(sampleRatePercent).toBe(100);
    expect(items.find((i) => i.sessionId === session.id)?.why).toEqual(['verdict_unnecessary']);
    expect(items.find((i) => i.sessionId === aiOnly.sessionId)?.why).toEqual(['sample']);

    const review = await ok<{ turns: { entryId: string; speaker: string; text: string; article: { id: string; version: number | null } | null; escalatedFor: string[] }[]; verdict: unknown }>(tomas, 'review:session', { sessionId: aiOnly.sessionId });
    const visitorTurn = review.turns.find((t) => t.speaker === 'visitor')!;
    const answerTurn = review.turns.find((t) => t.speaker === 'assistant' && t.entryId !== review.turns[0]!.entryId)!; // after the greeting
    expect(visitorTurn.text).toContain('[email]');
    expect(visitorTurn.text).not.toContain('example.com');
    expect(answerTurn.article, JSON.stringify(review.turns)).toMatchObject({ id: 'office-hours', version: 3 });
    const handed = await ok<{ turns: { speaker: string; escalatedFor: string[] }[]; verdict: { escalation: string } }>(tomas, 'review:session', { sessionId: session.id });
    expect(handed.verdict.escalation).toBe('unnecessary');
    expect(handed.turns.find((t) => t.speaker === 'visitor')!.escalatedFor).toEqual(['explicit_request']);

    // Labels: the kind must fit the line.
    expect(await ask(tomas, 'review:label', { sessionId: aiOnly.sessionId, entryId: answerTurn.entryId, label: 'should_escalate' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await ask(tomas, 'review:label', { sessionId: aiOnly.sessionId, entryId: visitorTurn.entryId, label: 'should_not_escalate', reason: 'explicit_request' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    await ok(tomas, 'review:label', { sessionId: aiOnly.sessionId, entryId: visitorTurn.entryId, label: 'should_not_escalate' });
    await ok(tomas, 'review:label', { sessionId: aiOnly.sessionId, entryId: answerTurn.entryId, label: 'correct' });
    const handedVisitor = (await orch.store.transcript(session.id)).find((e) => e.speaker === 'visitor')!;
    await ok(tomas, 'review:label', { sessionId: session.id, entryId: handedVisitor.id, label: 'should_escalate', reason: 'explicit_request' });
    const { jsonl, conversations } = await ok<{ jsonl: string; conversations: number }>(tomas, 'review:export');
    expect(conversations).toBe(2);
    const lines = jsonl.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      expect.objectContaining({ lang: 'en', expect: 'no_escalate', tag: 'review:should_not_escalate' }),
      expect.objectContaining({ lang: 'en', expect: 'escalate', reason: 'explicit_request', tag: 'review:should_escalate' }),
    ]);
    // The conversation up to the labelled line: the greeting, then the visitor's line, redacted.
    expect(lines[0].turns).toHaveLength(2);
    expect(lines[0].turns[0]).toMatch(/^A: /);
    expect(lines[0].turns[1]).toBe('V: What are your opening hours? My email is [email].');
    expect(lines[1].turns.at(-1)).toBe('V: I would like to talk to a real person please');
    expect((await orch.trust.auth.auditEvents({ action: 'review.labelled' })).length).toBe(3);

    // Knowledge gaps: the three bicycle questions form one cluster; an editor turns it into a draft.
    const { gaps } = await ok<{ gaps: { id: string; count: number; examples: string[]; language: string }[] }>(nadia, 'kb:gaps', {});
    const bikes = gaps.find((g) => g.examples.some((e) => e.includes('bicycle')))!;
    expect(bikes).toMatchObject({ count: 3, language: 'en' });
    expect(gaps[0]!.count).toBeGreaterThanOrEqual(bikes.count);
    const { version } = await ok<{ version: KbArticleVersion }>(nadia, 'kb:gap-draft', { gapId: bikes.id, articleId: 'bicycle-parking-overnight' });
    expect(version).toMatchObject({ articleId: 'bicycle-parking-overnight', version: 1, status: 'draft' });
    expect(version.content.en!.keywords.length).toBe(3);
    // the visitors' own (redacted) questions become the draft's example questions
    expect(version.content.en!.questions).toEqual(bikes.examples);
    expect(await ask(nadia, 'kb:gap-draft', { gapId: 'nope', articleId: 'x' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  }, 120_000);
});

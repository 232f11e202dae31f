import { cleanText, type Language, type SessionView, type TranscriptEntry } from '@telekiosk/shared';
import type { Store } from '../db/store.ts';
import type { Logger } from '../logger.ts';
import type { Clock } from '../routing/types.ts';
import type { Notifier, TranslatorLike } from './ports.ts';

/** What the transcript writer needs from the session service. */
export interface TranscriptWriterDeps {
  store: Store;
  notifier: Notifier;
  translator: TranslatorLike | null;
  clock: Clock;
  log: Logger;
  /** Languages of a worker, in preference order. */
  workerLanguages(workerId: string): Promise<Language[] | undefined>;
}

/** A line's translation status: no target language, translated, or the translation failed. */
function statusOf(target: Language | null, translated: unknown): TranscriptEntry['translationStatus'] {
  return !target ? 'same_language' : translated ? 'translated' : 'untranslated';
}

/**
 * Appends transcript lines: translates each into the other party's language (worker and
 * supervisor lines into the visitor's; visitor, assistant and system lines into the assigned
 * worker's first language when the worker does not speak the visitor's), stores it, and pushes
 * it to the kiosk, the worker and monitoring supervisors (their room). A translation failure keeps the line,
 * marked untranslated.
 */
export class TranscriptWriter {
  constructor(private readonly d: TranscriptWriterDeps) {}

  /** Appends a line and returns it (a retried `clientId` returns the stored line, not pushed again); see {@link appendOnce}. */
  async append(
    session: SessionView,
    speaker: TranscriptEntry['speaker'],
    text: string,
    opts: { language?: Language; notifyDevice?: boolean; notifyWorker?: boolean; clientId?: string } = {},
  ): Promise<TranscriptEntry> {
    return (await this.appendOnce(session, speaker, text, opts)).entry;
  }

  /**
   * Appends a line: translated, stored in one statement, pushed to whom it concerns. With
   * `clientId` (the client's request id) a retry of a line stored already is found by the
   * store's unique key, not by a read before every append: it returns the stored line with
   * `duplicate: true` and pushes nothing (the first request pushed it).
   * @throws when the session does not exist, or the database's error.
   */
  async appendOnce(
    session: SessionView,
    speaker: TranscriptEntry['speaker'],
    text: string,
    opts: { language?: Language; notifyDevice?: boolean; notifyWorker?: boolean; clientId?: string } = {},
  ): Promise<{ entry: TranscriptEntry; duplicate: boolean }> {
    const language = opts.language ?? session.language;
    // The translation target from the session as the caller read it; the append returns the
    // session as it is now (one statement), which decides whom the line is pushed to.
    const target = await this.translationTarget(session, speaker, language);
    let translated = target ? await this.translate(text, language, target, session.id) : null;
    const appended = await this.d.store.appendLine(
      { sessionId: session.id, speaker, text, language, translation: translated, translationStatus: statusOf(target, translated), clientId: opts.clientId ?? null },
      new Date(this.d.clock.now()),
    );
    const stored = appended.entry;
    // A retried request: the line is stored and was pushed already.
    if (appended.duplicate) return { entry: stored, duplicate: true };
    const current: SessionView = { ...session, state: appended.session.state, workerId: appended.session.workerId };
    if (current.workerId !== session.workerId) {
      // A worker took the session meanwhile (or it changed hands): translate for them now.
      const now = await this.translationTarget(current, speaker, language);
      if (now !== target) {
        translated = now ? await this.translate(text, language, now, session.id) : null;
        stored.translation = translated;
        stored.translationStatus = statusOf(now, translated);
        await this.d.store.setTranslation(stored.id, translated, stored.translationStatus);
      }
    }
    // The store keeps the PII-redacted form; the people in the call get the line as it was said.
    const entry: TranscriptEntry = { ...stored, text: cleanText(text), translation: translated ?? stored.translation };
    if (opts.notifyDevice !== false) this.d.notifier.toDevice(session.deviceId, 'transcript:entry', entry);
    if (opts.notifyWorker !== false && current.workerId && current.state === 'in_call') this.d.notifier.toWorker(current.workerId, 'transcript:entry', entry);
    const colleague = appended.session.colleague;
    if (current.state === 'in_call' && colleague && colleague !== current.workerId) this.d.notifier.toWorker(colleague, 'transcript:entry', entry);
    this.d.notifier.toMonitors(session.id, 'transcript:entry', entry);
    return { entry, duplicate: false };
  }

  /** The language a line must be translated into so the other party can read it, or null. */
  private async translationTarget(session: SessionView, speaker: TranscriptEntry['speaker'], language: Language): Promise<Language | null> {
    if (speaker === 'worker' || speaker === 'supervisor') return language === session.language ? null : session.language;
    const languages = session.workerId ? await this.d.workerLanguages(session.workerId) : undefined;
    if (!languages || languages.includes(language)) return null;
    return languages[0] ?? null;
  }

  private async translate(text: string, from: Language, to: Language, sessionId: string) {
    const t = this.d.translator;
    if (!t) return null;
    try {
      const r = await t.translate(text, to, from);
      return { text: r.text, language: to, provider: r.provider };
    } catch (err) {
      this.d.log.warn({ err, sessionId, provider: t.id }, 'translation failed; line kept untranslated');
      return null;
    }
  }

  /** On accept by a worker who does not speak the visitor's language: translates the transcript so far for them. */
  async translateBacklog(session: SessionView, workerLanguages: Language[]): Promise<void> {
    if (workerLanguages.includes(session.language) || !this.d.translator) return;
    const to = workerLanguages[0];
    if (!to) return;
    for (const e of await this.d.store.transcript(session.id)) {
      if (e.translation || e.language === to) continue;
      const tr = await this.translate(e.text, e.language, to, session.id);
      await this.d.store.setTranslation(e.id, tr, tr ? 'translated' : 'untranslated');
    }
  }
}

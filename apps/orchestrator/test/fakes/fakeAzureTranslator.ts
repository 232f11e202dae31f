/**
 * Fake Azure Translator on 127.0.0.1 for the real `@azure-rest/ai-translation-text` 2.x client,
 * which calls `POST /translate?api-version=2026-06-06` with a JSON body
 * `{ inputs: [{ text, language?, targets: [{ language }] }] }` (the older 3.0 API put `to`/`from`
 * in the query; both shapes are recorded as received). Use {@link FakeAzureTranslator.endpoint}
 * as the client endpoint.
 */
import { HttpFake, type ScriptedResponse } from './httpFake.ts';

export type { RecordedRequest, ScriptedResponse } from './httpFake.ts';

/** The fake; route key `translate`. */
export class FakeAzureTranslator extends HttpFake {
  constructor() {
    super([{ key: 'translate', method: 'POST', path: '/translate' }]);
  }
  /** Endpoint for the client / `AZURE_TRANSLATOR_ENDPOINT`. */
  get endpoint(): string {
    return this.origin;
  }
  /** Queues translate responses. */
  translate(...responses: ScriptedResponse[]): this {
    return this.enqueue('translate', ...responses);
  }
}

/** One translated input: target texts and, for auto-detection, the detected language. */
export interface FakeTranslatedItem {
  translations: { text: string; language: string }[];
  detectedLanguage?: { language: string; score: number };
}

/** A successful translate response (`{ value: [...] }`). */
export function azureTranslation(...items: FakeTranslatedItem[]): ScriptedResponse {
  return { json: { value: items }, headers: { 'x-requestid': 'fake-request', 'x-mt-system': 'Team' } };
}

/** An Azure error response (`{ error: { code, message } }`), e.g. 401000, 429000, 500000. */
export function azureError(status: number, code = status * 1000, message = `fake error ${status}`): ScriptedResponse {
  return { status, json: { error: { code: String(code), message } } };
}

/**
 * Cloud providers of the orchestrator (intake LLM, translation, speech) built from
 * {@link ProviderConfig}, each with an embedded or "not configured" default:
 * - intake: `openai` LLM with per-turn fallback to the embedded rules, else embedded only;
 * - translator: Azure, LLM, or null (show text untranslated);
 * - speech: OpenAI, or null (the kiosk uses the browser's speech).
 */
import OpenAI from 'openai';
import type { KnowledgeBase } from '../intake/knowledgeBase.ts';
import type { Logger } from '../logger.ts';
import type { IntakeEngine } from '../sessions/sessionService.ts';
import type { OpenAIConfig, ProviderConfig } from './config.ts';
import { embeddedProviderIntake } from './embeddedIntake.ts';
import type { ProviderIntake } from './intakeSchema.ts';
import { LlmIntake } from './llmIntake.ts';
import { LlmEscalationJudge } from './llmJudge.ts';
import type { EscalationJudge } from '../policy/judge.ts';
import { OpenAISpeech, type SpeechProvider } from './speech.ts';
import { AzureTranslator, LlmTranslator, type Translator } from './translator.ts';

export * from './config.ts';
export * from './errors.ts';
export * from './intakeSchema.ts';
export { embeddedProviderIntake, fromEmbeddedTurn } from './embeddedIntake.ts';
export { LANGUAGE_NAMES, toLanguage } from './languages.ts';
export { LlmIntake, type LlmIntakeOptions } from './llmIntake.ts';
export { JudgeAnswer, JUDGE_RESPONSE_FORMAT, LlmEscalationJudge, judgeSystemPrompt, type LlmJudgeOptions } from './llmJudge.ts';
export { parseStructured, describeZodError } from './structured.ts';
export * from './speech.ts';
export * from './translator.ts';

/** What the providers need from the rest of the orchestrator. */
export interface ProviderDeps {
  /** Knowledge base answering the LLM's `search_knowledge_base` tool. */
  kb: KnowledgeBase;
  /** Embedded intake engine: default and per-turn fallback. */
  embedded: IntakeEngine;
  logger: Logger;
}

/** Which provider backs each capability (from configuration, not live health). */
export interface ProviderStatus {
  llm: 'openai' | 'embedded';
  translator: 'azure' | 'llm' | 'none';
  speech: 'openai' | 'browser';
}

/** The built providers. `translator`/`speech` null = not configured. */
export interface Providers {
  intake: ProviderIntake;
  translator: Translator | null;
  speech: SpeechProvider | null;
  /**
   * LLM escalation judge when an LLM is configured (null otherwise): pass it to
   * `evaluateTurnWithJudge` (`policy/judge.ts`) beside the embedded policy decision.
   */
  judge: EscalationJudge | null;
  status(): ProviderStatus;
}

/**
 * An `openai` client for the configured (or compatible) server.
 * @param timeoutMs per-request timeout in ms. @param maxRetries retries of 408/409/429/5xx/connection errors.
 */
export function createOpenAIClient(cfg: OpenAIConfig, timeoutMs: number, maxRetries: number): OpenAI {
  return new OpenAI({ apiKey: cfg.apiKey, baseURL: cfg.baseURL ?? null, timeout: timeoutMs, maxRetries });
}

/**
 * Builds the providers. With no keys: embedded intake, `translator: null`, `speech: null`.
 * Logs the resulting {@link ProviderStatus} once at info (never keys).
 */
export function createProviders(config: ProviderConfig, deps: ProviderDeps): Providers {
  const log = deps.logger.child({ module: 'providers' });
  const client = config.openai ? createOpenAIClient(config.openai, config.timeoutMs, config.maxRetries) : null;

  const intake: ProviderIntake =
    client && config.openai
      ? new LlmIntake({
          client,
          model: config.openai.chatModel,
          kb: deps.kb,
          embedded: deps.embedded,
          logger: log.child({ provider: 'llm-intake' }),
          requestTimeoutMs: config.timeoutMs,
        })
      : embeddedProviderIntake(deps.embedded);

  let translator: Translator | null = null;
  if (config.translator === 'azure' && config.azure) {
    translator = new AzureTranslator({ ...config.azure, timeoutMs: config.timeoutMs, maxRetries: config.maxRetries });
  } else if (config.translator === 'llm' && client && config.openai) {
    translator = new LlmTranslator({ client, model: config.openai.chatModel });
  }

  const speech: SpeechProvider | null =
    client && config.openai
      ? new OpenAISpeech({ client, transcribeModel: config.openai.transcribeModel, ttsModel: config.openai.ttsModel, voice: config.openai.ttsVoice })
      : null;

  const status: ProviderStatus = {
    llm: client ? 'openai' : 'embedded',
    translator: translator ? (translator.id as 'azure' | 'llm') : 'none',
    speech: speech ? 'openai' : 'browser',
  };
  log.info({ ...status, chatModel: config.openai?.chatModel ?? null, customBaseURL: Boolean(config.openai?.baseURL) }, 'providers configured');
  const judge: EscalationJudge | null = client && config.openai ? new LlmEscalationJudge({ client, model: config.openai.chatModel }) : null;
  return { intake, translator, speech, judge, status: () => ({ ...status }) };
}

/**
 * LLM intake: OpenAI chat completions (or a compatible server) with tools over the local
 * knowledge base, a strict structured answer validated with zod, and a per-turn fallback to the
 * embedded engine on any provider failure.
 */
import type { Language } from '@telekiosk/shared';
import type OpenAI from 'openai';
import type { ChatCompletionMessageFunctionToolCall, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { DEFAULT_MIN_SCORE, type KnowledgeBase } from '../intake/knowledgeBase.ts';
import { isLang, type Lang } from '../intake/lexicon/index.ts';
import type { Logger } from '../logger.ts';
import type { IntakeEngine, IntakeTurn } from '../sessions/sessionService.ts';
import { fromEmbeddedTurn } from './embeddedIntake.ts';
import { ProviderError } from './errors.ts';
import { describeZodError as describe, parseStructured } from './structured.ts';
import {
  checkAnswer,
  clipText,
  CollectArgs,
  EscalateArgs,
  INTAKE_RESPONSE_FORMAT,
  INTAKE_TOOLS,
  IntakeAnswer,
  intakeSystemPrompt,
  MAX_FIELD_CHARS,
  SearchArgs,
  SUMMARY_RESPONSE_FORMAT,
  SummaryAnswer,
  summarySystemPrompt,
  type ConversationEntry,
  type IntakeInput,
  type ProviderIntake,
  type ProviderIntakeTurn,
  type SummaryResult,
} from './intakeSchema.ts';

/** Options of {@link LlmIntake}. */
export interface LlmIntakeOptions {
  /** Configured `openai` client (its `timeout` and `maxRetries` apply to each request). */
  client: OpenAI;
  /** Chat model (`OPENAI_CHAT_MODEL`). */
  model: string;
  /** Knowledge base answering `search_knowledge_base` locally. */
  kb: KnowledgeBase;
  /** Embedded engine: fallback per turn and the synchronous `summarize`. */
  embedded: IntakeEngine;
  logger?: Logger;
  /** Most model rounds that may call tools before a final answer is forced (`tool_choice: none`). Default 3. */
  maxToolRounds?: number;
  /** Per-request timeout in ms, only reported in messages (the client enforces it). Default the client's. */
  requestTimeoutMs?: number;
  /** Whole-turn budget in ms across all rounds; when exceeded the turn falls back. Default 2 x request timeout. */
  turnDeadlineMs?: number;
  /** Most earlier transcript lines sent to the model. Default 20. */
  maxHistory?: number;
}

type Messages = ChatCompletionMessageParam[];

interface TurnState {
  fields: Record<string, string>;
  escalation: IntakeTurn['escalation'];
  articles: Map<string, { id: string; title: string; score: number; version?: number }>;
}

const PROVIDER = 'openai';
const MAX_INPUT_CHARS = 2000;

/**
 * {@link ProviderIntake} backed by an LLM. Per turn: up to `maxToolRounds` rounds in which the
 * model may call `search_knowledge_base(query)` (answered from the local knowledge base, article
 * text in the visitor's language, or English for languages the base lacks), `collect_field(name,
 * value)` and `escalate(reason_code, evidence)`; then a final answer in the `intake_turn`
 * json_schema, validated with zod.
 *
 * Degradation: timeout (per request or the turn deadline), 429, 5xx, connection failure, auth
 * failure, malformed JSON, schema-invalid answer, refusal or truncation -> the embedded engine
 * answers that turn and the result has `degraded: true`, `degradedReason` set, `provider:
 * 'embedded'`. `respond` never rejects for provider failures.
 */
export class LlmIntake implements ProviderIntake {
  private readonly maxToolRounds: number;
  private readonly requestTimeoutMs: number;
  private readonly turnDeadlineMs: number;
  private readonly maxHistory: number;

  constructor(private readonly o: LlmIntakeOptions) {
    this.maxToolRounds = o.maxToolRounds ?? 3;
    this.requestTimeoutMs = o.requestTimeoutMs ?? o.client.timeout;
    this.turnDeadlineMs = o.turnDeadlineMs ?? 2 * this.requestTimeoutMs;
    this.maxHistory = o.maxHistory ?? 20;
  }

  /** Category of a knowledge article (for the handoff package), null if unknown. */
  categoryOf(articleId: string): string | null {
    return this.o.kb.get(articleId)?.category ?? null;
  }

  /** One visitor turn; see the class doc for tools, answer and fallback. */
  async respond(input: IntakeInput): Promise<ProviderIntakeTurn> {
    const started = Date.now();
    const deadline = AbortSignal.timeout(this.turnDeadlineMs);
    try {
      const turn = await this.runTurn(input, deadline);
      this.o.logger?.debug({ ms: Date.now() - started, intent: turn.intent, escalate: turn.escalation?.reason ?? null }, 'llm intake turn');
      return turn;
    } catch (err) {
      const pe = this.toProviderError(err, deadline);
      this.o.logger?.warn({ code: pe.code, status: pe.status, reason: pe.reason, ms: Date.now() - started }, 'llm intake failed; embedded fallback');
      const turn = await this.o.embedded.respond(input);
      return fromEmbeddedTurn(turn, (id) => this.categoryOf(id), pe.reason);
    }
  }

  /** Embedded extractive summary (synchronous, no provider call). */
  summarize(entries: ConversationEntry[], language: Language): string {
    return this.o.embedded.summarize(entries, language);
  }

  /**
   * LLM summary of the conversation for the handoff package, in `language`, at most ~3 lines
   * (clipped to 1000 characters). Falls back to {@link summarize} (degraded) on any provider
   * failure, and uses it directly (not degraded) when the visitor said nothing.
   */
  async summarizeAsync(entries: ConversationEntry[], language: Language): Promise<SummaryResult> {
    if (!entries.some((e) => e.role === 'visitor' && e.text.trim())) {
      return { text: this.summarize(entries, language), provider: 'embedded', degraded: false, degradedReason: null };
    }
    const deadline = AbortSignal.timeout(this.turnDeadlineMs);
    try {
      const transcript = entries
        .slice(-40)
        .map((e) => `${e.role === 'visitor' ? 'Visitor' : 'Assistant'}: ${clipText(e.text.replace(/\s+/g, ' ').trim(), 500)}`)
        .join('\n');
      const res = await this.o.client.chat.completions.create(
        {
          model: this.o.model,
          messages: [
            { role: 'system', content: summarySystemPrompt(language) },
            { role: 'user', content: transcript },
          ],
          response_format: SUMMARY_RESPONSE_FORMAT,
        },
        { signal: deadline },
      );
      const summary = parseStructured(res, SummaryAnswer).summary.trim();
      if (!summary) throw ProviderError.badResponse(PROVIDER, 'summary: empty');
      return { text: clipText(summary, 1000), provider: 'openai', degraded: false, degradedReason: null };
    } catch (err) {
      const pe = this.toProviderError(err, deadline);
      this.o.logger?.warn({ code: pe.code, status: pe.status, reason: pe.reason }, 'llm summary failed; extractive fallback');
      return { text: this.summarize(entries, language), provider: 'embedded', degraded: true, degradedReason: pe.reason };
    }
  }

  private toProviderError(err: unknown, deadline: AbortSignal): ProviderError {
    if (deadline.aborted && !(err instanceof ProviderError)) return ProviderError.timeout(PROVIDER, this.turnDeadlineMs, err);
    return ProviderError.fromOpenAI(err, this.requestTimeoutMs, PROVIDER);
  }

  private async runTurn(input: IntakeInput, signal: AbortSignal): Promise<ProviderIntakeTurn> {
    const language = input.language;
    const kbLang: Lang = isLang(language) ? language : 'en';
    const state: TurnState = { fields: {}, escalation: null, articles: new Map() };
    const messages: Messages = [
      { role: 'system', content: intakeSystemPrompt(this.o.kb.office, language) },
      ...this.historyMessages(input),
      { role: 'user', content: clipText(input.text, MAX_INPUT_CHARS) },
    ];
    for (let round = 0; ; round++) {
      const toolsAllowed = round < this.maxToolRounds;
      const res = await this.o.client.chat.completions.create(
        {
          model: this.o.model,
          messages,
          tools: INTAKE_TOOLS,
          tool_choice: toolsAllowed ? 'auto' : 'none',
          response_format: INTAKE_RESPONSE_FORMAT,
        },
        { signal },
      );
      const message = res.choices[0]?.message;
      const calls = (message?.tool_calls ?? []).filter((c): c is ChatCompletionMessageFunctionToolCall => c.type === 'function');
      if (calls.length === 0) return this.finish(parseStructured(res, IntakeAnswer), state, kbLang);
      if (!toolsAllowed) throw ProviderError.badResponse(PROVIDER, `tool calls after the limit of ${this.maxToolRounds} tool rounds`);
      messages.push({ role: 'assistant', content: message?.content ?? null, tool_calls: calls });
      for (const call of calls) {
        messages.push({ role: 'tool', tool_call_id: call.id, content: this.runTool(call, state, kbLang) });
      }
    }
  }

  /** Earlier lines as chat messages (last `maxHistory`), without a repeat of the current text. */
  private historyMessages(input: IntakeInput): Messages {
    const history = [...input.history];
    const last = history.at(-1);
    if (last?.role === 'visitor' && last.text.trim() === input.text.trim()) history.pop();
    return history.slice(-this.maxHistory).map((e) =>
      e.role === 'visitor'
        ? { role: 'user' as const, content: clipText(e.text, MAX_INPUT_CHARS) }
        : { role: 'assistant' as const, content: clipText(e.text, MAX_INPUT_CHARS) },
    );
  }

  /** Executes one tool call locally; returns the tool message content (JSON). Bad arguments are reported to the model. */
  private runTool(call: ChatCompletionMessageFunctionToolCall, state: TurnState, kbLang: Lang): string {
    let args: unknown;
    try {
      args = JSON.parse(call.function.arguments || '{}');
    } catch {
      return JSON.stringify({ error: 'arguments are not valid JSON' });
    }
    switch (call.function.name) {
      case 'search_knowledge_base': {
        const a = SearchArgs.safeParse(args);
        if (!a.success || !a.data.query.trim()) return JSON.stringify({ error: 'query: expected a non-empty string' });
        const { hits } = this.o.kb.searchWithFallback(clipText(a.data.query, 500), kbLang, DEFAULT_MIN_SCORE, 3);
        const results = hits.map(({ article, score }) => {
          const c = article.content[kbLang];
          const prev = state.articles.get(article.id);
          if (!prev || prev.score < score) state.articles.set(article.id, { id: article.id, title: c.title, score, ...(article.version ? { version: article.version } : {}) });
          return { id: article.id, category: article.category, title: c.title, answer: c.answer, score };
        });
        return JSON.stringify({ results });
      }
      case 'collect_field': {
        const a = CollectArgs.safeParse(args);
        if (!a.success) return JSON.stringify({ error: describe(a.error) });
        const value = a.data.value.trim();
        if (!value) return JSON.stringify({ error: 'value: empty' });
        state.fields[a.data.name] = clipText(value, MAX_FIELD_CHARS);
        return JSON.stringify({ ok: true });
      }
      case 'escalate': {
        const a = EscalateArgs.safeParse(args);
        if (!a.success) return JSON.stringify({ error: describe(a.error) });
        state.escalation = { reason: a.data.reason_code, evidence: clipText(a.data.evidence.trim() || '(no evidence given)', MAX_FIELD_CHARS) };
        return JSON.stringify({ ok: true, note: 'A staff member will be requested. Tell the visitor briefly, in their language.' });
      }
      default:
        return JSON.stringify({ error: `unknown tool ${call.function.name}` });
    }
  }

  /**
   * Builds the turn from the validated answer. `intent` `kb:<id>` must name an existing article
   * (otherwise it becomes `unknown`); its article is listed first in `articles` (then other
   * searched articles by score, at most 3) and gives the category. The answer's `escalate` wins
   * over an `escalate` tool call; either one escalates.
   */
  private finish(raw: IntakeAnswer, state: TurnState, kbLang: Lang): ProviderIntakeTurn {
    const answer = checkAnswer(raw);
    if (typeof answer === 'string') throw ProviderError.badResponse(PROVIDER, `invalid structured answer: ${answer}`);
    let intent = answer.intent;
    const articleId = intent.startsWith('kb:') ? intent.slice(3) : null;
    const article = articleId ? this.o.kb.get(articleId) : undefined;
    if (articleId && !article) intent = 'unknown';
    if (article && !state.articles.has(article.id)) state.articles.set(article.id, { id: article.id, title: article.content[kbLang].title, score: answer.confidence, ...(article.version ? { version: article.version } : {}) });
    const articles = [...state.articles.values()]
      .sort((a, b) => Number(b.id === article?.id) - Number(a.id === article?.id) || b.score - a.score)
      .slice(0, 3);
    return {
      reply: answer.reply,
      intent,
      confidence: answer.confidence,
      articles,
      escalation: answer.escalate ?? state.escalation,
      collectedFields: state.fields,
      analysis: { sentiment: answer.sentiment, urgency: answer.urgency, confidence: answer.confidence, category: article?.category ?? answer.category },
      provider: 'openai',
      degraded: false,
      degradedReason: null,
    };
  }
}

/**
 * LLM escalation judge: one chat completion per visitor turn with a strict json_schema answer
 * (validated with zod), run beside the embedded engine by `policy/judge.ts`
 * (`evaluateTurnWithJudge`), which only lets it add reasons and falls back on any failure.
 */
import type OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { JUDGE_REASONS, type EscalationJudge, type JudgeInput, type JudgeVerdict } from '../policy/judge.ts';
import { SENSITIVE_TOPICS } from '../policy/taxonomy.ts';
import { ProviderError } from './errors.ts';
import { LANGUAGE_NAMES } from './languages.ts';
import { parseStructured } from './structured.ts';

/** The judge's answer schema (strict json_schema; every field required, nulls explicit). */
export const JudgeAnswer = z.object({
  /** Hand the visitor to a person now. */
  escalate: z.boolean(),
  reasons: z.array(
    z.object({
      code: z.enum(JUDGE_REASONS),
      /** For `sensitive_topic`: which topic; otherwise null. */
      topic: z.enum(SENSITIVE_TOPICS).nullable(),
      /** Short quote from the visitor or explanation, in English. */
      evidence: z.string(),
      /** 0..1. */
      confidence: z.number().min(0).max(1),
    }),
  ),
});
/** response_format of the judge. */
export const JUDGE_RESPONSE_FORMAT = zodResponseFormat(JudgeAnswer, 'escalation_verdict');

/** System prompt of the judge (the policy's reason codes and the cases that must NOT escalate). */
export function judgeSystemPrompt(language: string): string {
  return [
    'You judge whether a visitor at a city office kiosk should be handed to a human staff member now.',
    `The visitor writes in ${language}. Judge the LAST visitor message in the context of the conversation.`,
    'Escalate with these reason codes: explicit_request (asks for a person, a department, a supervisor, or says they will not talk to a machine);',
    'negative_sentiment (anger, exasperation, distress, "you keep repeating yourself"); sensitive_topic with topic billing_dispute, complaint, cancellation,',
    'account_access, legal, medical or financial; vulnerable_visitor (a child alone, a lost or confused elderly person, blind, deaf, cannot read);',
    'policy_exception (wants a fee waived, a deadline extended, an exception); restricted_action (refund, change an official record, delete data,',
    'act for someone else, take a payment); safety (emergency, threat, weapon, injury, a small child missing in the building right now).',
    'Do NOT escalate: negated requests ("I don\'t need a person"), reported speech or past contact ("the clerk told me to ask you",',
    '"I already spoke to someone"), thanks, goodbyes, declining the offer of a person, routine questions (hours, forms, fees, garbage, parking).',
    'Answer with escalate=false and no reasons when none applies. Evidence: a short English quote or paraphrase.',
  ].join('\n');
}

/** Options of {@link LlmEscalationJudge}. */
export interface LlmJudgeOptions {
  client: OpenAI;
  /** Chat model supporting json_schema output (`OPENAI_CHAT_MODEL`). */
  model: string;
  /** Most earlier transcript lines sent. Default 12. */
  maxHistory?: number;
}

/** {@link EscalationJudge} backed by an OpenAI-compatible chat model. Rejects with ProviderError on any failure. */
export class LlmEscalationJudge implements EscalationJudge {
  constructor(private readonly o: LlmJudgeOptions) {}

  async judge(input: JudgeInput, signal?: AbortSignal): Promise<JudgeVerdict> {
    const lines = input.turns.slice(-(this.o.maxHistory ?? 12));
    try {
      const res = await this.o.client.chat.completions.create(
        {
          model: this.o.model,
          messages: [
            { role: 'system', content: judgeSystemPrompt(`${LANGUAGE_NAMES[input.language] ?? input.language} (${input.language})`) },
            { role: 'user', content: lines.map((t) => `${t.role === 'visitor' ? 'Visitor' : 'Assistant'}: ${t.text.slice(0, 1000)}`).join('\n') },
          ],
          response_format: JUDGE_RESPONSE_FORMAT,
          temperature: 0,
        },
        signal ? { signal } : undefined,
      );
      const answer = parseStructured(res, JudgeAnswer);
      return { escalate: answer.escalate, reasons: answer.escalate ? answer.reasons : [] };
    } catch (err) {
      if (err instanceof ProviderError) throw err;
      throw ProviderError.fromOpenAI(err, this.o.client.timeout, 'openai');
    }
  }
}

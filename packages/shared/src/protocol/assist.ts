import { z } from 'zod';
import { defineRequest } from './ack.ts';
import { Language, Uuid } from '../common.ts';

/** A reply the worker can send with one click, or a knowledge article to read. */
export const AssistSuggestion = z.object({
  id: z.string(),
  /** Reply text, in `language` (the worker's language when the knowledge base has it). */
  text: z.string(),
  language: Language,
  /** `kb` (knowledge-base search) or `llm` (language model, when configured). */
  source: z.enum(['kb', 'llm']),
  /** Knowledge article behind the suggestion, if any. */
  article: z.object({ id: z.string(), title: z.string() }).nullable(),
  /** Relevance 0..1. */
  score: z.number().min(0).max(1),
});
export type AssistSuggestion = z.infer<typeof AssistSuggestion>;

/** Suggestions for the visitor's latest utterance in a call. */
export const AssistUpdate = z.object({
  sessionId: Uuid,
  /** The visitor transcript line the suggestions answer. */
  entryId: Uuid,
  suggestions: z.array(AssistSuggestion),
});
export type AssistUpdate = z.infer<typeof AssistUpdate>;

export const assistConsoleRequests = {
  /** Latest suggestions for a session assigned to me (also pushed as `assist:update`). */
  'assist:latest': defineRequest(z.object({ sessionId: Uuid }), AssistUpdate.nullable(), ['worker', 'supervisor']),
} as const;

export const assistConsoleEvents = {
  'assist:update': AssistUpdate,
} as const;

/**
 * `npm run eval:escalation -- --llm`: the held-out conversations once more with the LLM judge
 * beside the embedded engine (`evaluateTurnWithJudge`), against the server configured by
 * `OPENAI_API_KEY`, `OPENAI_BASE_URL` (any OpenAI-compatible server) and `OPENAI_CHAT_MODEL`.
 * Says so and returns a skip note when no key is set.
 */
import OpenAI from 'openai';
import type { Language } from '@telekiosk/shared';
import { runIntakeTurn, type IntakeRunner } from '../../apps/orchestrator/src/policy/runIntake.ts';
import { applyVerdict } from '../../apps/orchestrator/src/policy/judge.ts';
import { LlmEscalationJudge } from '../../apps/orchestrator/src/providers/llmJudge.ts';
import { play, summary, type Conversation, type Outcome } from './eval-conversations.ts';

/** Runs the conversations with the judge; prints per-language figures and judge failures. */
export async function judgeConversations(conversations: Conversation[], runner: IntakeRunner, langs: Language[]): Promise<unknown> {
  const apiKey = process.env.OPENAI_API_KEY;
  if (!apiKey) {
    console.log('\n(LLM judge skipped: set OPENAI_API_KEY, and OPENAI_BASE_URL for an OpenAI-compatible server)');
    return { skipped: 'OPENAI_API_KEY not set' };
  }
  const model = process.env.OPENAI_CHAT_MODEL ?? 'gpt-4.1-mini';
  const judge = new LlmEscalationJudge({ client: new OpenAI({ apiKey, baseURL: process.env.OPENAI_BASE_URL ?? null, timeout: 20_000, maxRetries: 1 }), model });
  let failures = 0;
  const outs: Outcome[] = [];
  for (const c of conversations) {
    outs.push(
      await play(
        c,
        async (turns, reply) => {
          const out = runIntakeTurn(runner, { turns, language: c.lang, reply });
          try {
            const verdict = await judge.judge({ turns, language: c.lang });
            return { decision: applyVerdict(runner.policy, out.decision, verdict), intake: out.intake };
          } catch {
            failures++;
            return out;
          }
        },
        true,
      ),
    );
  }
  const overall = summary(outs);
  const byLanguage = Object.fromEntries(langs.map((l) => [l, summary(outs.filter((o) => o.c.lang === l))]));
  console.log(`\n== Held-out conversations with the LLM judge (${model} at ${process.env.OPENAI_BASE_URL ?? 'api.openai.com'}; ${failures} judge failures fell back) ==`);
  console.log(`overall recall ${overall.recall} false esc ${overall.falseEscalation} reason acc ${overall.reasonAccuracy} false explicit ${overall.falseExplicitRequest}`);
  for (const l of langs) console.log(`  ${l} recall ${byLanguage[l]!.recall} false esc ${byLanguage[l]!.falseEscalation}`);
  return { model, baseURL: process.env.OPENAI_BASE_URL ?? null, failures, overall, byLanguage };
}

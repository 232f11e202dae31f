/**
 * `npm run -s intake:classify [-- --policy FILE]` — classifies conversations with the embedded
 * intake engine + escalation policy, one JSON object per line (JSON Lines), streaming.
 *
 * Input (stdin), one per line:
 *   {"id": string, "turns": [{"role": "visitor"|"assistant", "text": string, "at"?: ms}],
 *    "language"?: "en"|"ja"|"es"|"zh"|"ko"|"fr"|"de"|"pt" (a region suffix such as "pt-BR" is
 *    accepted), "sessionStartedAt"?: ms, "now"?: ms}
 * Output (stdout), one per input line, in order:
 *   {"id", "escalate": boolean, "reasons": ReasonCode[], "priority": 0..9, "language", "confidence": 0..1}
 * A line that is not JSON or fails the schema yields {"line": N, "error": "turns.0.role: ..."}
 * (N is 1-based) and the run continues; blank lines are skipped. Exit code 0 at end of input;
 * 2 if the policy file is invalid (message on stderr, naming the field).
 * Policy: `--policy FILE`, else env `ESCALATION_POLICY`, else the bundled default
 * (`apps/orchestrator/data/escalation-policy.json`).
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { LANGUAGES, type Language } from '@telekiosk/shared';
import { z } from 'zod';
import { createIntakeRunner, runIntakeTurn, type IntakeRunner } from '../apps/orchestrator/src/policy/runIntake.ts';
import { formatIssues, loadPolicy } from '../apps/orchestrator/src/policy/policySchema.ts';

const LanguageCode = z
  .string()
  .transform((v) => v.trim().toLowerCase().split(/[-_]/)[0]!)
  .refine((v): v is Language => (LANGUAGES as readonly string[]).includes(v), { message: `must be one of ${LANGUAGES.join(', ')}` })
  .transform((v) => v as Language);

/** Schema of one input line. */
export const ClassifyLine = z.object({
  id: z.string().min(1, 'must not be empty'),
  turns: z
    .array(
      z.object({
        role: z.enum(['visitor', 'assistant']),
        text: z.string().max(10_000, 'must be at most 10000 characters'),
        at: z.number().optional(),
      }),
    )
    .min(1, 'must have at least one turn'),
  language: LanguageCode.optional(),
  sessionStartedAt: z.number().optional(),
  now: z.number().optional(),
});

const { values } = parseArgs({ options: { policy: { type: 'string' } } });
const policyPath = values.policy ?? process.env.ESCALATION_POLICY;
let runner: IntakeRunner;
try {
  runner = createIntakeRunner(policyPath ? { policy: loadPolicy(policyPath) } : {});
} catch (err) {
  process.stderr.write(`intake-classify: ${(err as Error).message}\n`);
  process.exit(2);
}

const out = (obj: unknown) => process.stdout.write(`${JSON.stringify(obj)}\n`);
let lineNo = 0;
for await (const raw of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  lineNo++;
  if (!raw.trim()) continue;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (err) {
    out({ line: lineNo, error: `invalid JSON: ${(err as Error).message}` });
    continue;
  }
  const parsed = ClassifyLine.safeParse(data);
  if (!parsed.success) {
    out({ line: lineNo, error: formatIssues(parsed.error).map((i) => `${i.path}: ${i.message}`).join('; ') });
    continue;
  }
  const { id, turns, language, sessionStartedAt, now } = parsed.data;
  try {
    const { decision } = runIntakeTurn(runner, { turns, language, sessionStartedAt, now });
    out({
      id,
      escalate: decision.escalate,
      reasons: decision.reasons.map((r) => r.code),
      priority: decision.priority,
      language: decision.language,
      confidence: decision.confidence,
    });
  } catch (err) {
    out({ line: lineNo, error: `classification failed: ${(err as Error).message}` });
  }
}

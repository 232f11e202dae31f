#!/usr/bin/env tsx
/**
 * Command line entry: `tsx hardware/src/cli.ts [--port N] [--host H] [--tick-ms MS] [--initial-battery PERCENT]
 * [--battery-drain PERCENT_PER_MIN] [--scenario NAME[,NAME...]]`.
 *
 * Starts the simulator alone, prints one line `rosbridge simulator listening on ws://H:N` to stdout
 * and shuts down on SIGINT/SIGTERM (exit 0). While it runs, a line on stdin naming a scenario
 * (e.g. `estopPressed`, `nominal`) applies it and is acknowledged on stderr. Invalid arguments print
 * a message to stderr and exit 2; a start failure (e.g. port in use) exits 1.
 */
import { createInterface } from 'node:readline';
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { formatIssues } from './messages.ts';
import { isScenario, SCENARIOS, startSimulator, type Scenario, type SimulatorOptions } from './simulator.ts';

/** Usage text printed by `--help` and after argument errors. */
export const USAGE = `usage: tsx hardware/src/cli.ts [--port N] [--host H] [--tick-ms MS] [--initial-battery PERCENT] [--battery-drain PERCENT_PER_MIN] [--scenario NAME[,NAME...]]
  --port             TCP port, 0..65535 (0 = any free port; default 9090)
  --host             interface to bind (default 127.0.0.1)
  --tick-ms          physics step, ms (default 50)
  --initial-battery  battery at start, percent 0..100 (default 100)
  --battery-drain    idle battery drain, percent per minute (default 0.5)
  --scenario         scenario(s) applied at start: ${SCENARIOS.join(', ')}
While running, type a scenario name and Enter to apply it.`;

/** Parses a decimal number; anything else (including '', '1e3x', 'abc') becomes NaN so zod rejects it. */
const numeric = z.string().transform((s) => (/^\s*-?\d+(\.\d+)?\s*$/.test(s) ? Number(s) : Number.NaN));

const ArgsSchema = z.strictObject({
  port: numeric.pipe(z.number('must be a number').int('must be an integer').min(0, 'must be >= 0').max(65535, 'must be <= 65535')).optional(),
  host: z.string().min(1, 'must not be empty').optional(),
  'tick-ms': numeric.pipe(z.number('must be a number').positive('must be > 0')).optional(),
  'initial-battery': numeric.pipe(z.number('must be a number').min(0, 'must be >= 0').max(100, 'must be <= 100')).optional(),
  'battery-drain': numeric.pipe(z.number('must be a number').min(0, 'must be >= 0')).optional(),
  scenario: z.string()
    .transform((s) => s.split(',').map((n) => n.trim()).filter(Boolean))
    .pipe(z.array(z.string().refine(isScenario, { error: (iss) => `unknown scenario '${String(iss.input)}'; scenarios: ${SCENARIOS.join(', ')}` })).min(1, 'needs a scenario name'))
    .optional(),
  help: z.boolean().optional(),
});

/** Result of {@link parseCliArgs}. */
export type CliParse = { ok: true; help: boolean; options: SimulatorOptions } | { ok: false; error: string };

/** Parses and validates command line arguments (without `node` and the script path). Never throws. */
export function parseCliArgs(argv: readonly string[]): CliParse {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' }, host: { type: 'string' }, 'tick-ms': { type: 'string' },
        'initial-battery': { type: 'string' }, 'battery-drain': { type: 'string' }, scenario: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
  const parsed = ArgsSchema.safeParse(values);
  if (!parsed.success) return { ok: false, error: formatIssues(parsed.error).replace(/field '([^'.]+)(\.\d+)?'/g, '--$1') };
  const a = parsed.data;
  return {
    ok: true,
    help: a.help ?? false,
    options: {
      port: a.port ?? 9090,
      host: a.host ?? '127.0.0.1',
      tickMs: a['tick-ms'],
      initialBatteryPercent: a['initial-battery'],
      batteryDrainPercentPerMin: a['battery-drain'],
      ...(a.scenario ? { scenario: a.scenario as Scenario[] } : {}),
    },
  };
}

/** Runs the CLI; resolves with the process exit code once shut down (or immediately on error). */
export async function main(argv: readonly string[]): Promise<number> {
  const args = parseCliArgs(argv);
  if (!args.ok) {
    process.stderr.write(`error: ${args.error}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let sim;
  try {
    sim = await startSimulator(args.options);
  } catch (err) {
    process.stderr.write(`error: cannot start simulator: ${(err as Error).message}\n`);
    return 1;
  }
  const running = sim;
  // Handlers go in before the line is printed: whoever reads the line may signal at once.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void running.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  process.stdout.write(`rosbridge simulator listening on ${sim.url}\n`);
  const commands = createInterface({ input: process.stdin, terminal: false });
  commands.on('line', (line) => {
    const name = line.trim();
    if (!name) return;
    if (!isScenario(name)) {
      process.stderr.write(`unknown scenario '${name}'; scenarios: ${SCENARIOS.join(', ')}\n`);
      return;
    }
    running.setScenario(name);
    process.stderr.write(`scenario ${name} applied\n`);
  });
  await stopped;
  commands.close();
  return 0;
}

/** True when this file is the program being run (also through a symlinked bin), not an import. */
function isEntryPoint(): boolean {
  const invoked = process.argv[1];
  if (!invoked) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(invoked)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`error: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exit(1);
    },
  );
}

/** Tests of the command line entry, run as a real child process (`node --import tsx cli.ts`). */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli.ts';
import { RawClient, waitFor } from './test-utils.ts';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Run {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function runCli(args: string[]): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, stdio: 'pipe' });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (err += String(d)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

const running: Run[] = [];
afterEach(() => {
  for (const r of running.splice(0)) if (r.child.exitCode === null) r.child.kill('SIGKILL');
});

describe('cli', () => {
  it('prints one line with the URL, serves rosbridge, and exits 0 on SIGTERM', async () => {
    const run = runCli(['--port', '0', '--host', '127.0.0.1']);
    running.push(run);
    const line = await waitFor(() => run.stdout().includes('\n') && run.stdout(), { timeoutMs: 15_000, what: 'the listening line' });
    const match = /^rosbridge simulator listening on (ws:\/\/127\.0\.0\.1:(\d+))\n$/.exec(line);
    expect(match, `stdout was ${JSON.stringify(line)}, stderr ${run.stderr()}`).not.toBeNull();
    const raw = await RawClient.connect(match![1]!);
    const reply = await raw.request({ op: 'call_service', id: 1, service: '/get_robot_info' }, (f) => f.op === 'service_response');
    expect(reply).toMatchObject({ id: 1, result: true });
    await raw.close();
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toBe(line);
  });

  it('exits 0 on SIGINT', async () => {
    const run = runCli(['--port', '0']);
    running.push(run);
    await waitFor(() => run.stdout().includes('listening'), { timeoutMs: 15_000, what: 'the listening line' });
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('applies --scenario at start and scenario names typed on stdin while running', async () => {
    const run = runCli(['--port', '0', '--scenario', 'estopPressed,cameraFailure']);
    running.push(run);
    const line = await waitFor(() => run.stdout().includes('\n') && run.stdout(), { timeoutMs: 15_000, what: 'the listening line' });
    const raw = await RawClient.connect(/ws:\/\/\S+/.exec(line)![0]);
    const estop = (data: boolean) => (f: { op: string; topic?: unknown; msg?: unknown }) =>
      f.op === 'publish' && f.topic === '/estop' && (f.msg as { data: boolean }).data === data;
    await raw.request({ op: 'subscribe', topic: '/estop' }, estop(true)); // latched: sent at once
    run.child.stdin.write('nominal\n');
    await raw.next(estop(false));
    await waitFor(() => run.stderr().includes('scenario nominal applied'), { what: 'the acknowledgement' });
    run.child.stdin.write('flying\n');
    await waitFor(() => run.stderr().includes("unknown scenario 'flying'"), { what: 'the complaint' });
    await raw.close();
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toBe(line);
  });

  it('rejects a bad --port with a clear message and exit code 2', async () => {
    const run = runCli(['--port', 'eighty']);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain('error: --port: must be a number');
    expect(run.stdout()).toBe('');
  });
});

describe('parseCliArgs', () => {
  it('validates every option', () => {
    expect(parseCliArgs([])).toEqual({ ok: true, help: false, options: { port: 9090, host: '127.0.0.1' } });
    expect(parseCliArgs(['--port=0', '--tick-ms', '20', '--initial-battery', '55.5'])).toMatchObject({
      ok: true, options: { port: 0, tickMs: 20, initialBatteryPercent: 55.5 },
    });
    expect(parseCliArgs(['--port', '70000'])).toEqual({ ok: false, error: '--port: must be <= 65535' });
    expect(parseCliArgs(['--port', '8080.5'])).toEqual({ ok: false, error: '--port: must be an integer' });
    expect(parseCliArgs(['--port', ''])).toEqual({ ok: false, error: '--port: must be a number' });
    expect(parseCliArgs(['--port'])).toMatchObject({ ok: false, error: expect.stringContaining('--port') });
    expect(parseCliArgs(['--colour', 'red'])).toMatchObject({ ok: false, error: expect.stringContaining('--colour') });
    expect(parseCliArgs(['--initial-battery', '101'])).toEqual({ ok: false, error: '--initial-battery: must be <= 100' });
    expect(parseCliArgs(['9090'])).toMatchObject({ ok: false });
    expect(parseCliArgs(['--scenario', 'stuck, cameraFailure'])).toMatchObject({ ok: true, options: { scenario: ['stuck', 'cameraFailure'] } });
    expect(parseCliArgs(['--scenario', 'lowBattery,nap'])).toEqual({
      ok: false, error: "--scenario: unknown scenario 'nap'; scenarios: lowBattery, linkLost, charging, stuck, estopPressed, cameraFailure, nominal",
    });
  });
});

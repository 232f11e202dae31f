/**
 * Static checks of the shipped deployment bundle (deploy/): Docker Compose cannot run on this
 * machine (no Docker), so the file is parsed and every orchestrator's environment is fed to the
 * orchestrator's own configuration parser, and the names the proxy and the units refer to are
 * compared with what the Compose file declares. The HAProxy configuration itself runs for real in
 * cluster.integration.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig, REPO_ROOT } from '../src/config.ts';

const DEPLOY = join(REPO_ROOT, 'deploy');

/** Variables of deploy/.env.example with the generated secrets filled as generate-secrets.sh would. */
function exampleEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(join(DEPLOY, '.env.example'), 'utf8').split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) env[m[1]!] = m[2]! || 'x'.repeat(40);
  }
  return env;
}

/** Replaces `${NAME}` like Compose does; an unknown name fails the test (Compose would warn and use ""). */
function substitute(value: string, vars: Record<string, string>): string {
  return value.replace(/\$\{([A-Z_]+)\}/g, (_, name: string) => {
    if (!(name in vars)) throw new Error(`compose.yaml uses \${${name}} which deploy/.env.example does not define`);
    return vars[name]!;
  });
}

type Service = { environment?: Record<string, string>; ports?: string[]; healthcheck?: { test: string[] }; depends_on?: unknown; command?: string[] };

function composeServices(): Record<string, Service> {
  const doc = parse(readFileSync(join(DEPLOY, 'compose/compose.yaml'), 'utf8'), { merge: true }) as { services: Record<string, Service> };
  return doc.services;
}

describe('deploy bundle', () => {
  it('Compose: every orchestrator node parses with the orchestrator configuration and has its own media port', () => {
    const services = composeServices();
    const vars = exampleEnv();
    const nodes = Object.keys(services).filter((n) => n.startsWith('orchestrator')).sort();
    expect(nodes).toEqual(['orchestrator1', 'orchestrator2', 'orchestrator3']);
    const rtcPorts = new Set<number>();
    for (const name of nodes) {
      const svc = services[name]!;
      const env = Object.fromEntries(Object.entries(svc.environment ?? {}).map(([k, v]) => [k, substitute(String(v), vars)]));
      const cfg = loadConfig(env);
      expect(cfg.databaseUrl, name).toMatch(/^postgres:\/\/telekiosk:.+@postgres:5432\/telekiosk$/);
      expect(cfg.redisUrl, name).toBe('redis://redis:6379');
      expect(cfg.trustProxy, name).toBe(true);
      expect(cfg.host, name).toBe('0.0.0.0');
      expect(cfg.seedDemo, name).toBe(false);
      expect(cfg.rtcAnnouncedIp, name).toBe(vars.PUBLIC_IP);
      expect(cfg.turnUrls?.length, name).toBeGreaterThanOrEqual(2);
      expect(cfg.turnSecret, name).toBeDefined();
      expect(cfg.metricsToken, name).toBeDefined();
      rtcPorts.add(cfg.rtcPort!);
      // The node's WebRtcServer ports (one per media worker, RTC_PORT + i) are published on UDP and TCP.
      for (let i = 0; i < cfg.mediaWorkers; i++) {
        const port = cfg.rtcPort! + i;
        expect(svc.ports, name).toContain(`${port}:${port}/udp`);
        expect(svc.ports, name).toContain(`${port}:${port}/tcp`);
      }
      // The health check asks the port the node listens on.
      expect(svc.healthcheck?.test.join(' '), name).toContain(`127.0.0.1:${cfg.port}/api/health/ready`);
    }
    expect(rtcPorts.size).toBe(nodes.length);
  });

  it('Compose: the proxy forwards to every orchestrator node on the port it listens on', () => {
    const services = composeServices();
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['postgres', 'redis', 'coturn', 'proxy']));
    const haproxy = readFileSync(join(DEPLOY, 'haproxy/haproxy.cfg'), 'utf8');
    const servers = [...haproxy.matchAll(/^\s*server\s+\S+\s+([\w.-]+):(\d+)/gm)].map((m) => `${m[1]}:${m[2]}`);
    const nodes = Object.keys(services).filter((n) => n.startsWith('orchestrator'));
    expect(servers.sort()).toEqual(nodes.map((n) => `${n}:${services[n]!.environment!.PORT}`).sort());
    // Readiness, not liveness, takes a draining node out of rotation.
    expect(haproxy).toMatch(/\/api\/health\/ready/);
  });

  it('coturn: the TURN secret and realm come from the same variables the orchestrators use', () => {
    const coturn = composeServices().coturn!;
    const cmd = (coturn.command ?? []).join(' ');
    expect(cmd).toContain('--static-auth-secret=${TURN_SECRET}');
    expect(cmd).toContain('--realm=${TURN_HOST}');
    const conf = readFileSync(join(DEPLOY, 'coturn/turnserver.conf'), 'utf8');
    const ports = [...conf.matchAll(/^(?:tls-)?listening-port=(\d+)/gm)].map((m) => Number(m[1]));
    const env = composeServices().orchestrator1!.environment!;
    for (const url of substitute(env.TURN_URLS!, exampleEnv()).split(',')) {
      const port = Number(/:(\d+)(\?|$)/.exec(url)?.[1]);
      expect(ports, url).toContain(port);
    }
  });

  it('systemd: each instance listens on its own HTTP and media port, matching the shipped HAProxy ports', () => {
    const unit = readFileSync(join(DEPLOY, 'systemd/telekiosk-orchestrator@.service'), 'utf8');
    const env = Object.fromEntries([...unit.matchAll(/^Environment=([A-Z_]+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!.replaceAll('%i', '1')]));
    const cfg = loadConfig(env);
    expect(cfg.port).toBe(8081);
    expect(cfg.rtcPort).toBe(40001);
    expect(cfg.host).toBe('127.0.0.1');
    expect(unit).toMatch(/^KillSignal=SIGTERM$/m);
    // Systemd waits longer than the drain deadline before it kills the node.
    const stopS = Number(/^TimeoutStopSec=(\d+)$/m.exec(unit)?.[1]);
    expect(stopS * 1000).toBeGreaterThan(loadConfig({}).drainDeadlineMs);
  });
});

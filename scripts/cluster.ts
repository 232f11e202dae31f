/**
 * `npm run cluster -- [--nodes 3] [--port 8443]`: a local orchestrator cluster from the same
 * processes a deployment runs (there is no Docker daemon on these machines): N nodes on one
 * PostgreSQL database (a fresh one on PG_URL, default the local server) and one Redis (our own
 * redis-server), behind HAProxy with the shipped deploy/haproxy/haproxy.cfg. Prints the proxy's
 * kiosk and console URLs; Ctrl-C stops everything and drops the database (`--keep` keeps it).
 * Needs: PostgreSQL reachable, `redis-server` and `haproxy` (Debian packages; setup installs them).
 */
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD, DEMO_USERS } from '../apps/orchestrator/src/seed.ts';
import { startCluster } from './lib/cluster.ts';

const { values } = parseArgs({ options: { nodes: { type: 'string', default: '3' }, port: { type: 'string' }, keep: { type: 'boolean', default: false } } });
const nodes = Math.max(1, Number(values.nodes) || 3);
console.log(`starting ${nodes} orchestrator nodes, Redis and HAProxy ...`);
const c = await startCluster({ nodes, ...(values.port ? { proxyPort: Number(values.port) } : {}), keepDatabase: values.keep, log: (l) => console.log(`  ${l}`), env: { LOG_LEVEL: 'warn' } });
const leader = await c.leader();
console.log(`
Cluster ready (routing leader: node ${leader?.index ?? '?'}; kill any node to see failover).
  Kiosk:    ${c.url}/kiosk/#deviceId=${encodeURIComponent(c.demo.deviceId)}&token=${encodeURIComponent(c.demo.deviceToken)}&rosbridge=none
  Console:  ${c.url}/console/
  Users:    ${DEMO_USERS.map((u) => u.username).join(', ')} (password ${DEMO_PASSWORD})
  Nodes:    ${c.nodes.map((n) => `${n.index}: ${n.url} (pid ${n.pid})`).join('\n            ')}
  Database: ${c.databaseUrl}
  Redis:    ${c.redisUrl}
Press Ctrl-C to stop.`);
const stop = async () => {
  console.log('stopping ...');
  await c.stop();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

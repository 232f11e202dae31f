/**
 * Starts the whole product on one machine: the robot-base simulator (rosbridge v2 on
 * SIM_PORT, default 9090) and the orchestrator (PORT, default 8080) serving the kiosk and the
 * console, then prints the URLs and demo credentials. Configuration: see
 * apps/orchestrator/src/config.ts (environment variables).
 */
import { startSimulator } from '@telekiosk/hardware';
import { ConfigError, loadConfig } from '../apps/orchestrator/src/config.ts';
import { startOrchestrator } from '../apps/orchestrator/src/server.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../apps/orchestrator/src/seed.ts';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError || (err instanceof Error && err.name === 'ProviderConfigError')) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  // ROSBRIDGE_URL: use an existing rosbridge server (a real robot, or a simulator started with
  // `npm run sim`) instead of starting the built-in simulator on SIM_PORT (default 9090).
  const external = process.env.ROSBRIDGE_URL;
  if (external !== undefined && !/^wss?:\/\/[^\s]+$/.test(external)) {
    console.error('invalid configuration:\n  ROSBRIDGE_URL: must be a ws:// or wss:// URL');
    process.exit(2);
  }
  const simPort = Number(process.env.SIM_PORT ?? 9090);
  const sim = external ? { url: external, close: async () => {} } : await startSimulator({ host: '127.0.0.1', port: simPort });
  let orch;
  try {
    orch = await startOrchestrator(config);
  } catch (err) {
    await sim.close();
    if (err instanceof Error && (err.name === 'ProviderConfigError' || err.name === 'PolicyError' || err.name === 'ConfigError')) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  // The kiosk enrols with a one-time code (valid 15 minutes, a new one on every start): no device
  // token in any URL. Opening the link enrols the browser as the demo device; the code is also
  // typed on the kiosk's enrolment screen. Staff make more codes on the console (Fleet).
  const enrolment = orch.demo ? await orch.trust.devices.enrolmentCode('system:start', orch.demo.deviceId) : null;
  const kioskUrl = enrolment
    ? `${orch.url}/kiosk/#enrol=${enrolment.code}&rosbridge=${encodeURIComponent(sim.url)}`
    : `${orch.url}/kiosk/ (no demo device: create one on the console and enrol it)`;
  const users = DEMO_USERS.map((u) => `${u.username} (${u.role}, ${u.languages.join('/')})`).join(', ');
  console.log(`
  Harbor City Office kiosk orchestrator is running (database: ${orch.database.kind}; AI: ${orch.providers.llm}, translation: ${orch.providers.translator}${orch.providers.translator === 'none' ? ' (messages across languages are shown untranslated)' : ''}).

  Kiosk:    ${kioskUrl}
  Enrolment code: ${enrolment ? `${enrolment.code} (one-time, until ${enrolment.expiresAt.slice(11, 16)} UTC; the link above uses it)` : 'none'}
  Console:  ${orch.url}/console/
  Users:    ${users}
  Password: ${DEMO_PASSWORD}
  Robot:    ${external ? 'rosbridge' : 'simulator'} at ${sim.url}

  Press Ctrl+C to stop.
`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await orch.close();
    await sim.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

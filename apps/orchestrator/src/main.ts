import { ConfigError, loadConfig } from './config.ts';
import { startOrchestrator } from './server.ts';

/** Entry point: `tsx apps/orchestrator/src/main.ts`. Reads configuration from the environment. */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const orch = await startOrchestrator(config);
  // SIGTERM drains (no new sessions here, routing handed over, calls may finish until the
  // deadline); SIGINT stops at once.
  process.once('SIGTERM', () => void orch.drain(config.drainDeadlineMs).then(() => process.exit(0)));
  process.once('SIGINT', () => void orch.close().then(() => process.exit(0)));
}

main().catch((err) => {
  // Configuration errors name the variable; print them plainly.
  if (err instanceof Error && (err.name === 'ProviderConfigError' || err.name === 'PolicyError' || err.name === 'ConfigError')) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});

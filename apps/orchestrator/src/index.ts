export { startOrchestrator, type Orchestrator } from './server.ts';
export { loadConfig, ConfigSchema, type Config } from './config.ts';
export { DEMO_PASSWORD, DEMO_USERS, DEMO_DEVICE } from './seed.ts';

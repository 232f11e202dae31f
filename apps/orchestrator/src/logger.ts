import { pino, type Logger } from 'pino';

/**
 * Root logger. One named child per module (`logger.child({ module: 'routing' })`), and
 * children carrying `sessionId`, `deviceId`, `workerId`. Contract: info once per lifecycle
 * transition, debug per message.
 */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'orchestrator' }, timestamp: pino.stdTimeFunctions.isoTime });
}
export type { Logger };

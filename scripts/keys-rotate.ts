/**
 * Rotates the console token signing key: `npm run keys:rotate [-- --retire-older]`.
 * Adds a new key (it signs new tokens from the next key reload of each orchestrator, within a
 * minute); older keys keep verifying until retired. With `--retire-older`, every key but the new
 * one is retired at once: tokens signed with them stop working (users sign in again). Uses the
 * orchestrator's configuration (`DATABASE_URL` or the embedded database in `DATA_DIR`; stop a
 * PGlite-backed orchestrator first, PGlite allows one process). Not for `AUTH_SECRET` deployments
 * (rotate that secret in your configuration instead).
 */
import { createHash, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig } from '../apps/orchestrator/src/config.ts';
import { openDatabase } from '../apps/orchestrator/src/db/database.ts';
import { Store } from '../apps/orchestrator/src/db/store.ts';

const { values } = parseArgs({ options: { 'retire-older': { type: 'boolean', default: false } } });
const config = loadConfig();
if (config.authSecret) {
  console.error('AUTH_SECRET is set: tokens are signed with it. Rotate it in your configuration instead.');
  process.exit(2);
}
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const store = new Store(db.db);
  const secret = randomBytes(32);
  const kid = createHash('sha256').update(secret).digest('hex').slice(0, 12);
  await store.addSigningKey(kid, secret.toString('base64url'), new Date());
  let retired = 0;
  if (values['retire-older']) {
    for (const k of await store.signingKeys()) {
      if (k.kid === kid) continue;
      await store.retireSigningKey(k.kid, new Date());
      retired++;
    }
  }
  console.log(`new signing key ${kid}; ${retired} older key(s) retired; orchestrators pick it up within a minute`);
} finally {
  await db.close();
}

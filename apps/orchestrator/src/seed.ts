import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { Language, type Role } from '@telekiosk/shared';
import { hashDeviceToken, hashPassword, newDeviceToken } from './auth/passwords.ts';
import type { Store } from './db/store.ts';

/** Demo console users (password for all: {@link DEMO_PASSWORD}). */
export const DEMO_USERS: { id: string; username: string; displayName: string; role: Role; languages: Language[]; departments: string[]; level: number }[] = [
  { id: 'w-aiko', username: 'aiko', displayName: 'Aiko Tanaka', role: 'worker', languages: ['ja', 'en'], departments: ['general', 'citizen-services'], level: 2 },
  { id: 'w-maria', username: 'maria', displayName: 'María López', role: 'worker', languages: ['es', 'en'], departments: ['general', 'tax', 'financial'], level: 2 },
  { id: 'w-wei', username: 'wei', displayName: 'Wei Chen', role: 'worker', languages: ['zh', 'en'], departments: ['general', 'environment'], level: 1 },
  { id: 'w-sam', username: 'sam', displayName: 'Sam Carter', role: 'worker', languages: ['en'], departments: ['general', 'security'], level: 1 },
  { id: 's-olivia', username: 'olivia', displayName: 'Olivia Brown', role: 'supervisor', languages: ['en', 'es'], departments: ['general', 'citizen-services', 'tax', 'financial', 'environment', 'security', 'legal'], level: 3 },
  { id: 'f-kenji', username: 'kenji', displayName: 'Kenji Mori', role: 'staff', languages: ['ja', 'en'], departments: ['general'], level: 1 },
  { id: 'e-nadia', username: 'nadia', displayName: 'Nadia Haddad', role: 'editor', languages: ['en', 'fr', 'de'], departments: ['general'], level: 1 },
  { id: 't-tomas', username: 'tomas', displayName: 'Tomás Silva', role: 'trainer', languages: ['pt', 'es', 'en'], departments: ['general'], level: 1 },
];
export const DEMO_PASSWORD = 'harbor-demo';
export const DEMO_DEVICE = { id: 'lobby-1', name: 'Lobby robot 1', location: 'Ground floor lobby, near entrance A' };

const DemoCredentials = z.object({ deviceId: z.string(), deviceToken: z.string().min(16) });
export type DemoCredentials = z.infer<typeof DemoCredentials>;

/**
 * Seeds demo users and the demo device when the database has no users. The device token is
 * random, stored hashed, and written in clear only to `credentialsFile` (a local demo file,
 * never committed) for scripts and tests that connect as the device. Once the device enrolled
 * with a one-time code (the start script prints one), its credential is kept and the file's
 * token no longer works.
 */
export async function seedDemo(store: Store, credentialsFile: string): Promise<DemoCredentials> {
  let creds: DemoCredentials | undefined;
  if (existsSync(credentialsFile)) {
    const parsed = DemoCredentials.safeParse(JSON.parse(readFileSync(credentialsFile, 'utf8')));
    if (parsed.success) creds = parsed.data;
  }
  const device = await store.fleet.getDevice(DEMO_DEVICE.id);
  // A device that enrolled since (its credential no longer matches the file) keeps its credential.
  if (!creds || !device || (device.token_hash !== hashDeviceToken(creds.deviceToken) && device.credential_issued_at === null)) {
    creds = { deviceId: DEMO_DEVICE.id, deviceToken: newDeviceToken() };
    await store.fleet.upsertDevice({ ...DEMO_DEVICE, tokenHash: hashDeviceToken(creds.deviceToken) });
    if (!credentialsFile.startsWith('memory://')) {
      mkdirSync(dirname(credentialsFile), { recursive: true });
      writeFileSync(credentialsFile, JSON.stringify(creds, null, 2), { mode: 0o600 });
    }
  }
  if ((await store.countWorkers()) === 0) {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const u of DEMO_USERS) await store.upsertWorker({ ...u, passwordHash });
  }
  return creds;
}

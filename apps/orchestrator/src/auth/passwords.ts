import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import * as argon2 from '@node-rs/argon2';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, keylen: number, opts: { N: number; r: number; p: number }) => Promise<Buffer>;

/**
 * argon2id parameters: m = 19 MiB, t = 2, p = 1, the first of the equivalent minimum
 * configurations in the OWASP Password Storage Cheat Sheet (argon2id section). Hashes are PHC
 * strings (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`) from @node-rs/argon2 (prebuilt, no
 * native build step). Stored hashes with weaker parameters (or legacy scrypt) are re-hashed on
 * the next successful sign-in (see {@link needsRehash}).
 */
export const ARGON2_PARAMS = { algorithm: 2 /* argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with argon2id ({@link ARGON2_PARAMS}). */
export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_PARAMS);
}

/**
 * Verifies a password against a stored hash: argon2id PHC strings, and the legacy
 * `scrypt$N$r$p$saltB64$hashB64` format (constant-time compare). Malformed hashes verify false.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith('$argon2')) {
    try {
      return await argon2.verify(stored, password);
    } catch {
      return false;
    }
  }
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltB64, hashB64] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hashB64, 'base64');
  const key = await scrypt(password, Buffer.from(saltB64, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024 } as { N: number; r: number; p: number });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** True when a stored hash is not argon2id with at least {@link ARGON2_PARAMS}: re-hash it after a successful sign-in. */
export function needsRehash(stored: string): boolean {
  const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
  if (!m) return true;
  return Number(m[1]) < ARGON2_PARAMS.memoryCost || Number(m[2]) < ARGON2_PARAMS.timeCost;
}

/** SHA-256 hex of a device token (device tokens are random 256-bit secrets, so a fast hash suffices). */
export function hashDeviceToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Constant-time comparison of a presented device token with its stored hash. */
export function verifyDeviceToken(token: string, storedHash: string): boolean {
  const a = Buffer.from(hashDeviceToken(token), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A new random device token (256 bits, base64url). */
export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

import { createHash, randomBytes, scrypt as scryptCb } from 'node:crypto';
import { promisify } from 'node:util';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from './passwords.ts';
import { TokenService, type SigningKeyStore } from './tokens.ts';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, keylen: number, opts: object) => Promise<Buffer>;

/** An in-memory signing key store. */
function keyStore(): SigningKeyStore & { rows: { kid: string; secret: string; createdAt: Date; retired: boolean }[] } {
  const rows: { kid: string; secret: string; createdAt: Date; retired: boolean }[] = [];
  return {
    rows,
    signingKeys: async () => rows.filter((r) => !r.retired).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()),
    addSigningKey: async (kid, secret, at) => void (rows.some((r) => r.kid === kid) || rows.push({ kid, secret, createdAt: at, retired: false })),
    retireSigningKey: async (kid) => void rows.filter((r) => r.kid === kid).forEach((r) => (r.retired = true)),
  };
}

describe('passwords', () => {
  it('hashes with argon2id at the OWASP parameters and verifies', async () => {
    const h = await hashPassword('correct horse');
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword('correct horse', h)).toBe(true);
    expect(await verifyPassword('wrong', h)).toBe(false);
    expect(needsRehash(h)).toBe(false);
  });

  it('still verifies legacy scrypt hashes and asks for a re-hash; malformed hashes verify false', async () => {
    const salt = randomBytes(16);
    const key = await scrypt('old secret', salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    const legacy = ['scrypt', 2 ** 15, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
    expect(await verifyPassword('old secret', legacy)).toBe(true);
    expect(await verifyPassword('other', legacy)).toBe(false);
    expect(needsRehash(legacy)).toBe(true);
    expect(needsRehash('$argon2id$v=19$m=4096,t=1,p=1$c2FsdA$aGFzaA')).toBe(true);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
    expect(await verifyPassword('x', '$argon2id$broken')).toBe(false);
  });
});

describe('signing keys', () => {
  it('generates one key on first start, reuses it on the next (users stay signed in), with a key id in the token', async () => {
    const store = keyStore();
    const first = await TokenService.load(store, undefined, 3600);
    const token = await first.sign({ sub: 'w-sam', role: 'worker' });
    const second = await TokenService.load(store, undefined, 3600);
    expect(store.rows).toHaveLength(1);
    expect(second.currentKid).toBe(first.currentKid);
    expect(await second.verify(token)).toEqual({ sub: 'w-sam', role: 'worker' });
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toMatchObject({ alg: 'HS256', kid: first.currentKid });
  });

  it('rotates: a new key signs, the old one verifies until retired', async () => {
    const store = keyStore();
    const a = await TokenService.load(store, undefined, 3600);
    const oldToken = await a.sign({ sub: 'w-sam', role: 'worker' });
    store.rows[0]!.createdAt = new Date(Date.now() - 60_000);
    await store.addSigningKey('newkid', Buffer.from(randomBytes(32)).toString('base64url'), new Date());
    const b = await TokenService.load(store, undefined, 3600);
    expect(b.currentKid).toBe('newkid');
    expect(await b.verify(oldToken)).not.toBeNull();
    await store.retireSigningKey(a.currentKid, new Date());
    const c = await TokenService.load(store, undefined, 3600);
    expect(await c.verify(oldToken)).toBeNull();
    expect(await c.verify(await c.sign({ sub: 'w-sam', role: 'worker' }))).not.toBeNull();
  });

  it('refuses tokens without an expiry, with an unknown key id, or with another algorithm', async () => {
    const svc = new TokenService('s'.repeat(40), 3600);
    const secret = new TextEncoder().encode('s'.repeat(40));
    const kid = createHash('sha256').update(secret).digest('hex').slice(0, 12);
    const base = () => new SignJWT({ role: 'worker' }).setSubject('w-sam').setIssuer('telekiosk-orchestrator').setAudience('telekiosk-console').setIssuedAt();
    expect(await svc.verify(await base().setProtectedHeader({ alg: 'HS256', kid }).setExpirationTime('1h').sign(secret))).not.toBeNull();
    expect(await svc.verify(await base().setProtectedHeader({ alg: 'HS256', kid }).sign(secret))).toBeNull();
    expect(await svc.verify(await base().setProtectedHeader({ alg: 'HS256', kid: 'nope' }).setExpirationTime('1h').sign(secret))).toBeNull();
    expect(await svc.verify(await base().setProtectedHeader({ alg: 'HS512', kid }).setExpirationTime('1h').sign(new Uint8Array(64)))).toBeNull();
    expect(await svc.verify('e30.e30.')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { createCredentialStore, CredentialStorageError, type CredentialFs, type SafeStorageLike } from './credentials.ts';

/** A reversible fake of safeStorage (the real one needs Electron and an OS keychain). */
function fakeSafeStorage(available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (s) => Buffer.from(s, 'utf8').map((b) => b ^ 0x5a) as Buffer,
    decryptString: (b) => Buffer.from(b.map((x) => x ^ 0x5a)).toString('utf8'),
  };
}
function memoryFs(): CredentialFs & { files: Map<string, Buffer> } {
  const files = new Map<string, Buffer>();
  return {
    files,
    readFileSync: (p) => {
      const f = files.get(p);
      if (!f) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return f;
    },
    writeFileSync: (p, d) => void files.set(p, d),
    rmSync: (p) => void files.delete(p),
  };
}
const cred = { deviceId: 'lobby-1', deviceToken: 'x'.repeat(43) };

describe('device credential store', () => {
  it('stores the credential encrypted, never in clear, and reads it back', () => {
    const fs = memoryFs();
    const store = createCredentialStore({ safeStorage: fakeSafeStorage(), fs, file: '/u/device-credential.bin' });
    expect(store.load()).toBeNull();
    store.save(cred);
    expect(fs.files.get('/u/device-credential.bin')!.toString('utf8')).not.toContain(cred.deviceToken);
    expect(store.load()).toEqual(cred);
    store.clear();
    expect(store.load()).toBeNull();
  });

  it('refuses to store without OS encryption, rejects malformed credentials, and uses the legacy config credential until cleared', () => {
    const fs = memoryFs();
    expect(() => createCredentialStore({ safeStorage: fakeSafeStorage(false), fs, file: '/f' }).save(cred)).toThrow(CredentialStorageError);
    expect(fs.files.size).toBe(0);
    const store = createCredentialStore({ safeStorage: fakeSafeStorage(), fs, file: '/f', legacy: cred });
    expect(() => store.save({ deviceId: 'bad id!', deviceToken: 'short' })).toThrow();
    expect(store.load()).toEqual(cred);
    store.clear();
    expect(store.load()).toBeNull();
  });
});

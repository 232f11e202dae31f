/**
 * The device credential at rest in the Electron shell: encrypted with Electron's `safeStorage`
 * (the OS keychain: Keychain on macOS, DPAPI on Windows, libsecret/kwallet on Linux) in
 * `<userData>/device-credential.bin`. Pure logic with the encryption and file system injected, so
 * it is testable in Node; this module must not import `electron`.
 */
import { DeviceCredentialSchema, type DeviceCredential } from '../common/bridge.ts';

/** The part of Electron's `safeStorage` this module uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** The file-system functions the store uses; `node:fs` satisfies them. */
export interface CredentialFs {
  readFileSync(path: string): Buffer;
  writeFileSync(path: string, data: Buffer, options: { mode: number }): void;
  rmSync(path: string, options: { force: boolean }): void;
}

/** Where the kiosk keeps its device credential. */
export interface CredentialStore {
  /** The stored credential, the legacy one from the config file, or null. */
  load(): DeviceCredential | null;
  /** Encrypts and stores a credential. @throws when the OS offers no encryption (nothing is written in clear). */
  save(credential: DeviceCredential): void;
  /** Deletes the stored credential (and ignores the legacy one from now on). */
  clear(): void;
}

/** Thrown when `safeStorage` cannot encrypt (no OS keychain): the kiosk then cannot keep a credential. */
export class CredentialStorageError extends Error {
  override name = 'CredentialStorageError';
}

/**
 * Creates the credential store.
 * @param legacy a credential from the config file (deprecated provisioning), used until the kiosk stores one or clears it.
 */
export function createCredentialStore(deps: { safeStorage: SafeStorageLike; fs: CredentialFs; file: string; legacy?: DeviceCredential | null }): CredentialStore {
  let legacy = deps.legacy ?? null;
  return {
    load() {
      let encrypted: Buffer;
      try {
        encrypted = deps.fs.readFileSync(deps.file);
      } catch {
        return legacy;
      }
      try {
        const parsed = DeviceCredentialSchema.safeParse(JSON.parse(deps.safeStorage.decryptString(encrypted)));
        return parsed.success ? parsed.data : legacy;
      } catch {
        return legacy;
      }
    },
    save(credential) {
      const valid = DeviceCredentialSchema.parse(credential);
      if (!deps.safeStorage.isEncryptionAvailable()) throw new CredentialStorageError('safeStorage encryption is not available on this machine; the device credential was not stored');
      deps.fs.writeFileSync(deps.file, deps.safeStorage.encryptString(JSON.stringify(valid)), { mode: 0o600 });
      legacy = null;
    },
    clear() {
      deps.fs.rmSync(deps.file, { force: true });
      legacy = null;
    },
  };
}

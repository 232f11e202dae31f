import { randomInt } from 'node:crypto';
import type { DeviceRef, Enrolment, EnrolResponse } from '@telekiosk/shared';
import { AuthError, OrchestratorError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { AuthStore } from './authStore.ts';
import { hashDeviceToken, newDeviceToken } from './passwords.ts';
import { tokenHash } from './signIn.ts';
import type { Store } from '../db/store.ts';

/** Crockford's base32 alphabet (no I, L, O, U: nothing to confuse when typing a code). */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Default lifetime of an enrolment code (ms): 15 minutes. */
export const ENROLMENT_TTL_MS = 15 * 60_000;

/** A new enrolment code: 12 Crockford base32 characters (60 bits) in groups of four, e.g. `K7QF-9MZ2-XA4P`. */
export function newEnrolmentCode(): string {
  let s = '';
  for (let i = 0; i < 12; i++) s += CROCKFORD[randomInt(32)];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/** A typed code in canonical form: upper case, no dashes or spaces, Crockford's look-alikes mapped (O->0, I/L->1). */
export function normalizeEnrolmentCode(code: string): string {
  return code
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/** Where device pushes go (the `/kiosk` namespace through the cluster adapter). */
export interface DeviceChannel {
  /** Sends the new credential to the device's socket and resolves with its acknowledgements (empty when not connected). */
  offerCredential(deviceId: string, payload: { deviceId: string; deviceToken: string }, timeoutMs: number): Promise<unknown[]>;
  /** Tells the device's sockets why and disconnects them (every node). */
  disconnect(deviceId: string, reason: string): void;
}

/**
 * Device credentials: devices are created on the console and enrol with a one-time code (or the
 * QR code of the enrolment URL) that the kiosk exchanges once for its credential; staff can
 * rotate a connected device's credential (the kiosk stores the new one before the old one stops
 * working) or revoke it (the device's socket is disconnected at once). Every change is audited.
 */
export class DeviceCredentials {
  /** Devices whose credential was checked recently: id -> (valid, when). */
  private readonly checked = new Map<string, { valid: boolean; at: number }>();

  constructor(
    private readonly deps: { auth: AuthStore; store: Store; logger: Logger; channel: DeviceChannel; enrolmentTtlMs?: number; cacheMs?: number; now?: () => number },
  ) {}

  private now(): Date {
    return new Date(this.deps.now ? this.deps.now() : Date.now());
  }

  /** Registers a device and returns its first enrolment code. @throws `conflict` when the id exists. */
  async create(actor: string, d: { deviceId: string; name: string; location: string }): Promise<{ device: DeviceRef; enrolment: Enrolment }> {
    if (!(await this.deps.auth.createDevice({ id: d.deviceId, name: d.name, location: d.location }))) throw new OrchestratorError('conflict', `device ${d.deviceId} exists; issue an enrolment code for it instead`);
    await this.deps.auth.audit({ actor, action: 'device.created', subject: `device:${d.deviceId}`, data: { name: d.name } }, this.now());
    return { device: { id: d.deviceId, name: d.name, location: d.location }, enrolment: await this.enrolmentCode(actor, d.deviceId) };
  }

  /** A new one-time enrolment code for a device (earlier unused ones stop working). @throws `not_found`. */
  async enrolmentCode(actor: string, deviceId: string): Promise<Enrolment> {
    if (!(await this.deps.store.fleet.getDevice(deviceId))) throw new OrchestratorError('not_found', `device ${deviceId} not found`);
    const code = newEnrolmentCode();
    const at = this.now();
    const expiresAt = new Date(at.getTime() + (this.deps.enrolmentTtlMs ?? ENROLMENT_TTL_MS));
    await this.deps.auth.addEnrolment({ codeHash: tokenHash(normalizeEnrolmentCode(code)), deviceId, createdBy: actor, createdAt: at, expiresAt });
    await this.deps.auth.audit({ actor, action: 'device.enrolment_code_issued', subject: `device:${deviceId}`, data: { expiresAt: expiresAt.toISOString() } }, at);
    return { deviceId, code, expiresAt: expiresAt.toISOString() };
  }

  /**
   * The kiosk exchanges its one-time code for its credential (once).
   * @throws AuthError `unauthorized` for an unknown, used or expired code.
   */
  async redeem(code: string, from: string): Promise<EnrolResponse> {
    const deviceToken = newDeviceToken();
    const deviceId = await this.deps.auth.redeemEnrolment(tokenHash(normalizeEnrolmentCode(code)), hashDeviceToken(deviceToken), this.now());
    if (!deviceId) throw new AuthError('unauthorized', 'unknown, used or expired enrolment code');
    this.checked.delete(deviceId);
    await this.deps.auth.audit({ actor: `device:${deviceId}`, action: 'device.enrolled', subject: `device:${deviceId}`, data: { from } }, this.now());
    this.deps.logger.info({ deviceId }, 'device enrolled');
    return { deviceId, deviceToken };
  }

  /**
   * Rotates a connected device's credential: the kiosk gets the new one and confirms it stored
   * it; then the old one stops working.
   * @throws `not_found` (no such device), `unavailable` (the device is not connected or did not confirm).
   */
  async rotate(actor: string, deviceId: string): Promise<{ issuedAt: string }> {
    if (!(await this.deps.store.fleet.getDevice(deviceId))) throw new OrchestratorError('not_found', `device ${deviceId} not found`);
    const deviceToken = newDeviceToken();
    let answers: unknown[];
    try {
      answers = await this.deps.channel.offerCredential(deviceId, { deviceId, deviceToken }, 10_000);
    } catch (err) {
      this.deps.logger.warn({ err, deviceId }, 'credential rotation not confirmed');
      answers = [];
    }
    const stored = answers.some((a) => typeof a === 'object' && a !== null && (a as { ok?: unknown }).ok === true);
    if (!stored) throw new OrchestratorError('unavailable', `device ${deviceId} is not connected or did not store the new credential; issue an enrolment code instead`, { retryAfterMs: 5000 });
    const at = this.now();
    await this.deps.auth.setDeviceCredential(deviceId, hashDeviceToken(deviceToken), at);
    await this.deps.auth.audit({ actor, action: 'device.credential_rotated', subject: `device:${deviceId}` }, at);
    this.deps.logger.info({ deviceId, actor }, 'device credential rotated');
    return { issuedAt: at.toISOString() };
  }

  /** Revokes a device's credential and disconnects its socket at once (every node). @throws `not_found`. */
  async revoke(actor: string, deviceId: string): Promise<void> {
    if (!(await this.deps.auth.revokeDeviceCredential(deviceId, this.now()))) throw new OrchestratorError('not_found', `device ${deviceId} not found`);
    this.checked.set(deviceId, { valid: false, at: Date.now() });
    await this.deps.auth.audit({ actor, action: 'device.credential_revoked', subject: `device:${deviceId}` }, this.now());
    this.deps.channel.disconnect(deviceId, 'credential revoked by staff; enrol the device again');
    this.deps.logger.warn({ deviceId, actor }, 'device credential revoked');
  }

  /**
   * Whether a connected device's credential is still valid (checked on every event; cached for a
   * few seconds). @throws AuthError `unauthorized` when it was revoked.
   */
  async check(deviceId: string): Promise<void> {
    const c = this.checked.get(deviceId);
    let valid: boolean;
    if (c && Date.now() - c.at < (this.deps.cacheMs ?? 5000)) valid = c.valid;
    else {
      const d = await this.deps.store.fleet.getDevice(deviceId);
      valid = !!d && !d.credential_revoked_at && !d.token_hash.startsWith('!');
      this.checked.set(deviceId, { valid, at: Date.now() });
    }
    if (!valid) throw new AuthError('unauthorized', 'device credential revoked; enrol the device again');
  }

  /** Forgets a cached check (another node revoked or enrolled the device). */
  forget(deviceId: string): void {
    this.checked.delete(deviceId);
  }
}

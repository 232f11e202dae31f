import { z } from 'zod';
import { defineRequest, Empty } from './ack.ts';
import { Id, IsoTime, Language, Uuid } from '../common.ts';
import { DeviceRef, Role } from '../records.ts';

/**
 * Trust: accounts, device credentials and sign-in over HTTP. Console requests here are
 * merged into `consoleRequests`; kiosk pushes into `kioskEvents`.
 */

/** Account status: `disabled` and `deleted` users lose access at once (their sockets are closed). */
export const AccountStatus = z.enum(['active', 'disabled', 'deleted']);
export type AccountStatus = z.infer<typeof AccountStatus>;

/** A console user account as supervisors manage it. */
export const UserAccount = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  role: Role,
  status: AccountStatus,
  languages: z.array(Language),
  departments: z.array(z.string()),
});
export type UserAccount = z.infer<typeof UserAccount>;

/** Device ids: 1 to 64 of `A-Z a-z 0-9 _ -`. */
export const DeviceId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, "_" or "-"');

/**
 * A one-time enrolment code of a device: the kiosk exchanges it once for its credential
 * (`POST /api/devices/enrol`). Shown on the console as text and as a QR code of the enrolment
 * URL `<origin>/kiosk/#enrol=<code>`.
 */
export const Enrolment = z.object({
  deviceId: Id,
  /** e.g. `K7QF-9MZ2-XA4P` (Crockford base32, 60 bits). Typed case-insensitively; dashes optional. */
  code: z.string(),
  /** The code stops working after this (default 15 min after it was made). */
  expiresAt: IsoTime,
});
export type Enrolment = z.infer<typeof Enrolment>;

/** Why a console's access was withdrawn (`auth:revoked`). */
export const RevokeReason = z.enum(['account_disabled', 'account_deleted', 'role_changed', 'signed_out', 'session_revoked', 'session_expired']);
export type RevokeReason = z.infer<typeof RevokeReason>;

export const trustConsoleRequests = {
  /** Supervisors: every console account with its role and status. */
  'users:list': defineRequest(Empty, z.object({ users: z.array(UserAccount) }), ['supervisor']),
  /** Supervisors: enable, disable or delete an account (its sign-ins are revoked and its sockets closed at once). */
  'user:set-status': defineRequest(z.object({ workerId: Id, status: AccountStatus }), z.object({ user: UserAccount }), ['supervisor']),
  /** Supervisors: change an account's role (the user signs in again with the new role). */
  'user:set-role': defineRequest(z.object({ workerId: Id, role: Role }), z.object({ user: UserAccount }), ['supervisor']),
  /** Staff and supervisors: register a device; it enrols with the one-time code returned. */
  'device:create': defineRequest(
    z.object({ deviceId: DeviceId, name: z.string().trim().min(1).max(80), location: z.string().trim().min(1).max(200) }),
    z.object({ device: DeviceRef, enrolment: Enrolment }),
    ['staff', 'supervisor'],
  ),
  /** Staff and supervisors: a new one-time enrolment code for a device (earlier unused codes stop working; the current credential keeps working until the code is used). */
  'device:enrolment-code': defineRequest(z.object({ deviceId: DeviceId }), z.object({ enrolment: Enrolment }), ['staff', 'supervisor']),
  /**
   * Staff and supervisors: rotate a connected device's credential: the kiosk receives a new one
   * over its socket, stores it and confirms; only then the old one stops working.
   * Fails with `unavailable` when the device is not connected (use a new enrolment code).
   */
  'device:rotate-credential': defineRequest(z.object({ deviceId: DeviceId }), z.object({ issuedAt: IsoTime }), ['staff', 'supervisor']),
  /** Staff and supervisors: revoke a device's credential; its socket is disconnected at once and it must enrol again. */
  'device:revoke-credential': defineRequest(z.object({ deviceId: DeviceId }), Empty, ['staff', 'supervisor']),
  /** Workers who can serve the callback, and supervisors: the visitor's contact details (each view is audited). */
  'callback:contact': defineRequest(z.object({ callbackId: Uuid }), z.object({ name: z.string(), contact: z.string() }), ['worker', 'supervisor']),
} as const;

export const trustConsoleEvents = {
  /** My access was withdrawn (account disabled, deleted or its role changed, or the sign-in revoked); the socket is closed after this. */
  'auth:revoked': z.object({ reason: RevokeReason }),
} as const;

export const trustKioskEvents = {
  /**
   * A new device credential (rotation from the console). The kiosk stores it and answers through
   * the acknowledgement with `{ ok: true }`; the old credential stops working after that.
   */
  'device:credential': z.object({ deviceId: Id, deviceToken: z.string().min(32).max(256) }),
  /** This device's credential was revoked; the socket is closed after this and the kiosk must enrol again. */
  'device:revoked': z.object({ reason: z.string() }),
} as const;

/** `POST /api/devices/enrol` body: the one-time code shown on the console. */
export const EnrolRequest = z.object({ code: z.string().trim().min(8).max(32) });
export type EnrolRequest = z.infer<typeof EnrolRequest>;
/** `POST /api/devices/enrol` response: the device's credential (returned once). */
export const EnrolResponse = z.object({ deviceId: Id, deviceToken: z.string().min(32) });
export type EnrolResponse = z.infer<typeof EnrolResponse>;

/** `GET /api/auth/providers`: which sign-in methods the console offers. */
export const AuthProviders = z.object({
  password: z.boolean(),
  /** Single sign-on (OpenID Connect) when configured: the button label. */
  oidc: z.object({ name: z.string() }).nullable(),
});
export type AuthProviders = z.infer<typeof AuthProviders>;

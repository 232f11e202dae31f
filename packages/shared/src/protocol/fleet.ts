import { z } from 'zod';
import { defineRequest, Empty } from './ack.ts';
import { Id, IsoTime, Uuid } from '../common.ts';
import { DeviceStatus } from '../records.ts';

/**
 * Kinds of fleet alert. Device kinds are opened and resolved automatically from telemetry and
 * acknowledged by staff. `safety` is raised by the escalation policy (emergency, threat,
 * injury at a device): staff resolve it by hand, and it does not take the device out of service.
 */
export const AlertKind = z.enum(['offline', 'low_battery', 'estop', 'stuck', 'camera_failure', 'microphone_failure', 'robot_link_lost', 'safety']);
export type AlertKind = z.infer<typeof AlertKind>;

/**
 * A fleet alert. `critical` alerts take the device out of routing (its kiosk shows an
 * out-of-service screen) until resolved.
 */
export const Alert = z.object({
  id: Uuid,
  deviceId: Id,
  kind: AlertKind,
  severity: z.enum(['warning', 'critical']),
  /** `open` -> `acknowledged` (staff saw it) -> `resolved` (condition cleared or staff resolved it). */
  state: z.enum(['open', 'acknowledged', 'resolved']),
  /** Plain-language detail, e.g. "Battery 12%". */
  detail: z.string(),
  openedAt: IsoTime,
  acknowledgedBy: Id.nullable(),
  resolvedAt: IsoTime.nullable(),
});
export type Alert = z.infer<typeof Alert>;

/** Health of the kiosk's camera or microphone as the kiosk sees it (devices and live tracks). */
export const MediaHealth = z.enum(['ok', 'failed', 'unknown']);
export type MediaHealth = z.infer<typeof MediaHealth>;

/** One battery sample of the history chart. */
export const BatterySample = z.object({ at: IsoTime, batteryPercent: z.number().min(0).max(100), charging: z.boolean().nullable() });
export type BatterySample = z.infer<typeof BatterySample>;

/** Console requests of facility staff (and supervisors). */
export const fleetConsoleRequests = {
  /** Devices and open/acknowledged alerts. */
  'fleet:snapshot': defineRequest(Empty, z.object({ devices: z.array(DeviceStatus), alerts: z.array(Alert) }), ['staff', 'supervisor', 'worker']),
  /** Acknowledge an alert (someone is on it). */
  'alert:ack': defineRequest(z.object({ alertId: Uuid }), z.object({ alert: Alert }), ['staff', 'supervisor']),
  /** Resolve an alert by hand (it reopens if the condition persists). */
  'alert:resolve': defineRequest(z.object({ alertId: Uuid }), z.object({ alert: Alert }), ['staff', 'supervisor']),
  /** Put a device out of service or back in service (manual). */
  'device:set-service': defineRequest(z.object({ deviceId: Id, inService: z.boolean() }), z.object({ device: DeviceStatus }), ['staff', 'supervisor']),
  /** Reload the device's kiosk app (after an update or a stuck screen). */
  'device:reload': defineRequest(z.object({ deviceId: Id }), Empty, ['staff', 'supervisor']),
  /** Send the device's robot to its dock. */
  'device:dock': defineRequest(z.object({ deviceId: Id }), z.object({ ok: z.boolean(), reason: z.string().optional() }), ['staff', 'supervisor']),
  /** Battery history of a device over the last `hours` (1..168). */
  'device:history': defineRequest(z.object({ deviceId: Id, hours: z.number().int().min(1).max(168).default(24) }), z.object({ samples: z.array(BatterySample) }), ['staff', 'supervisor', 'worker']),
} as const;

/** Push events to console users about the fleet. */
export const fleetConsoleEvents = {
  'alert:update': Alert,
} as const;

/** Push events to a kiosk about its service state. */
export const fleetKioskEvents = {
  /** The device is out of service (critical alert or staff) or back in service. */
  'device:service': z.object({ inService: z.boolean(), reasons: z.array(AlertKind.or(z.literal('manual'))) }),
  /** Staff asked the kiosk app to reload. */
  'device:reload': Empty,
} as const;

import { DeviceId } from '@telekiosk/shared';

/** What "Add a kiosk" asks for (the fields of `device:create`). */
export interface NewDeviceForm {
  deviceId: string;
  name: string;
  location: string;
}

export type NewDeviceField = keyof NewDeviceForm;

/** Field order of the form: the first field with a problem gets the focus. */
export const NEW_DEVICE_FIELDS: readonly NewDeviceField[] = ['deviceId', 'name', 'location'];

/** Longest name and location `device:create` accepts (its schema's limits). */
export const NAME_MAX = 80;
export const LOCATION_MAX = 200;
export const DEVICE_ID_MAX = 64;

/**
 * The catalog key of each field's problem (`enrolment.form.errors.*`), checked as the server will
 * (shared `DeviceId`, trimmed name 1-80, trimmed location 1-200); an empty object when the form
 * can be sent.
 */
export function newDeviceProblems(form: NewDeviceForm): Partial<Record<NewDeviceField, string>> {
  const out: Partial<Record<NewDeviceField, string>> = {};
  const id = form.deviceId.trim();
  if (!id) out.deviceId = 'enrolment.form.errors.deviceIdMissing';
  else if (!DeviceId.safeParse(id).success) out.deviceId = 'enrolment.form.errors.deviceIdInvalid';
  const name = form.name.trim();
  if (!name) out.name = 'enrolment.form.errors.nameMissing';
  else if (name.length > NAME_MAX) out.name = 'enrolment.form.errors.nameTooLong';
  const location = form.location.trim();
  if (!location) out.location = 'enrolment.form.errors.locationMissing';
  else if (location.length > LOCATION_MAX) out.location = 'enrolment.form.errors.locationTooLong';
  return out;
}

/**
 * The URL that enrols a kiosk when opened on it (or scanned from the QR code): the kiosk app of
 * this orchestrator with the one-time code in the fragment (`<origin>/kiosk/#enrol=<code>`; the
 * fragment never reaches a server log).
 */
export function enrolmentUrl(origin: string, code: string): string {
  return `${origin.replace(/\/+$/, '')}/kiosk/#enrol=${encodeURIComponent(code)}`;
}

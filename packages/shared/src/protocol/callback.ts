import { z } from 'zod';
import { defineRequest } from './ack.ts';
import { cleanText, Id, IsoTime, Language, Uuid } from '../common.ts';

/** Phone (7-20 digits with +, spaces, dashes, parentheses) or e-mail address. */
export const Contact = z
  .string()
  .trim()
  .max(120)
  .refine((v) => /^\+?[0-9 ()-]{7,20}$/.test(v) || z.email().safeParse(v).success, 'must be a phone number or an e-mail address');

/** A callback request a visitor leaves when nobody is available or the office is closed. */
export const CallbackRequest = z.object({
  sessionId: Uuid,
  /** The visitor's name, as they want to be addressed (cleaned: no NUL or control characters). */
  name: z.string().transform(cleanText).pipe(z.string().trim().min(1, 'must not be empty').max(80)),
  contact: Contact,
  /** What the callback is about (optional; cleaned like the name). */
  note: z.string().transform(cleanText).pipe(z.string().trim().max(500)).optional(),
});

/** A stored callback (ticket). */
export const Callback = z.object({
  id: Uuid,
  /** Short ticket number the visitor keeps, e.g. `CB-4821`. */
  ticket: z.string(),
  sessionId: Uuid,
  deviceId: Id,
  language: Language,
  name: z.string(),
  contact: z.string(),
  note: z.string().nullable(),
  createdAt: IsoTime,
  status: z.enum(['open', 'done']),
  handledBy: Id.nullable(),
});
export type Callback = z.infer<typeof Callback>;

export const callbackKioskRequests = {
  /** Leave a callback request instead of waiting; ends the session with a ticket number. */
  'visitor:callback': defineRequest(CallbackRequest, z.object({ ticket: z.string() }), ['kiosk']),
} as const;

export const callbackConsoleRequests = {
  /** Open callbacks (the callback queue), oldest first. */
  'callbacks:list': defineRequest(z.object({}), z.object({ callbacks: z.array(Callback) }), ['worker', 'supervisor']),
  /** Mark a callback done after calling the visitor back. */
  'callback:complete': defineRequest(z.object({ callbackId: Uuid }), z.object({ callback: Callback }), ['worker', 'supervisor']),
} as const;

import type { z } from 'zod';
import { toWireIssues, type Ack, type RequestDef, type SenderRole } from '@telekiosk/shared';
import { toWireError } from '../errors.ts';
import type { Logger } from '../logger.ts';

/** Minimal socket surface the handlers need (socket.io's Socket satisfies it). */
export interface EventSocket {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  /** socket.io's catch-all listener (used to answer events this namespace does not serve). */
  onAny?(listener: (event: string, ...args: unknown[]) => void): unknown;
}

/** Options of {@link registerHandlers}. */
export interface HandlerOptions {
  /**
   * Runs after the payload parsed and before the handler, with the roles the event's definition
   * allows: throws (`forbidden`, `unauthorized`) to refuse. Access is checked here on every event.
   */
  authorize?: (event: string, roles: readonly SenderRole[]) => Promise<void> | void;
  /** Answer events that are not in `defs` with `forbidden` (when they carry an ack callback) instead of ignoring them. */
  refuseUnknown?: boolean;
}

/**
 * Registers a request handler for each definition in `defs`: parses the payload with the
 * request schema, answers bad input with a `bad_request` ack naming the fields, maps thrown
 * errors to wire errors, and never throws inside the socket loop. An event without an ack
 * callback is dropped (and logged), since every request must be answered.
 */
export function registerHandlers<M extends Record<string, RequestDef>>(
  socket: EventSocket,
  defs: M,
  handlers: { [K in keyof M]: (payload: z.output<M[K]['request']>) => Promise<z.input<M[K]['response']>> | z.input<M[K]['response']> },
  log: Logger,
  /** Runs before parsing each event (rate limits); a throw is answered like a handler error. */
  before?: (event: string) => Promise<void>,
  opts: HandlerOptions = {},
): void {
  if (opts.refuseUnknown && socket.onAny) {
    socket.onAny((event, ...args) => {
      if (Object.hasOwn(defs, event)) return;
      const ack = args.at(-1);
      if (typeof ack === 'function') (ack as (res: Ack<unknown>) => void)({ ok: false, error: { code: 'forbidden', message: `${String(event).slice(0, 64)} is not an event of this namespace` } });
    });
  }
  for (const name of Object.keys(defs) as (keyof M & string)[]) {
    const def = defs[name]!;
    const handler = handlers[name];
    socket.on(name, async (...args: unknown[]) => {
      const ack = args.at(-1);
      if (typeof ack !== 'function') {
        log.warn({ event: name }, 'request without ack callback dropped');
        return;
      }
      const reply = ack as (res: Ack<unknown>) => void;
      if (before) {
        try {
          await before(name);
        } catch (err) {
          reply({ ok: false, error: toWireError(err) });
          return;
        }
      }
      const parsed = def.request.safeParse(args.length > 1 ? args[0] : undefined);
      if (!parsed.success) {
        const issues = toWireIssues(parsed.error);
        log.debug({ event: name, issues }, 'bad request');
        reply({ ok: false, error: { code: 'bad_request', message: `invalid ${name} payload: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues } });
        return;
      }
      try {
        if (opts.authorize) await opts.authorize(name, def.roles);
        const data = await handler(parsed.data as z.output<M[typeof name]['request']>);
        reply({ ok: true, data });
      } catch (err) {
        const wire = toWireError(err);
        if (wire.code === 'internal') log.error({ err, event: name }, 'handler failed');
        else if (wire.code === 'unavailable') log.warn({ err, event: name }, wire.message);
        else log.debug({ event: name, code: wire.code }, wire.message);
        reply({ ok: false, error: wire });
      }
    });
  }
}

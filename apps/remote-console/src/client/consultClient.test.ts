import { describe, expect, it } from 'vitest';
import type { ConsultMessage, ConsultState } from '@telekiosk/shared';
import { consultRole, isColleagueOnly } from './consultClient.ts';
import { flush, signedIn } from './fakeSocket.test-util.ts';
import { assignment, offer, OFFER_ID, SESSION_ID, session, worker } from './fixtures.test-util.ts';

const at = '2026-11-21T09:40:00.000Z';
/** Aiko (the signed-in worker) and María in a consult; `aikoIs` says which side Aiko is. */
const update = (phase: ConsultState['phase'], aikoIs: 'from' | 'to'): ConsultState => ({
  sessionId: SESSION_ID,
  phase,
  ...(aikoIs === 'from'
    ? { fromWorkerId: 'w-aiko', fromName: 'Aiko Tanaka', toWorkerId: 'w-maria', toName: 'María López' }
    : { fromWorkerId: 'w-maria', fromName: 'María López', toWorkerId: 'w-aiko', toName: 'Aiko Tanaka' }),
});
const line = (from: string, text: string): ConsultMessage => ({ sessionId: SESSION_ID, from, fromName: from === 'w-aiko' ? 'Aiko Tanaka' : 'María López', text, at });

describe('warm transfer with a private consult', () => {
  it('the worker who transferred: consult banner, private lines once each, leave, then wrap-up', async () => {
    const mine = line('w-aiko', 'She is upset about the fee');
    const { client, socket } = await signedIn(worker('available'), {
      'offer:accept': () => ({ ok: true, data: assignment() }),
      'session:transfer': () => ({ ok: true, data: { session: session('in_call') } }),
      'consult:message': () => ({ ok: true, data: { message: mine } }),
      'consult:leave': () => ({ ok: true, data: {} }),
    });
    socket.fire('offer:new', offer());
    await client.acceptOffer(OFFER_ID);
    expect(await client.transferToColleague({ id: 'w-maria', displayName: 'María López' }, 'Tax certificate', true)).toBe(true);
    expect(socket.emitted.find((e) => e.event === 'session:transfer')?.payload).toMatchObject({ mode: 'warm', toWorkerId: 'w-maria', consult: true });
    expect(client.getSnapshot().transfer?.status).toBe('waiting');

    socket.fire('consult:update', update('consult', 'from'));
    let s = client.getSnapshot();
    expect(s.consult).toMatchObject({ phase: 'consult', toName: 'María López', messages: [] });
    expect(s.transfer).toBeNull(); // accepted: no "waiting for …" banner
    expect(s.assignment?.session.id).toBe(SESSION_ID); // my call view stays
    expect(consultRole(s)).toBe('from');
    expect(isColleagueOnly(s)).toBe(true);

    // My line comes back as the answer and as the push: shown once.
    expect(await client.consult.sendMessage('  She is upset about the fee ')).toBe(true);
    socket.fire('consult:message', mine);
    socket.fire('consult:message', line('w-maria', 'Got it'));
    socket.fire('consult:message', { ...line('w-maria', 'bad'), at: 'later' }); // invalid: ignored
    expect(client.getSnapshot().consult?.messages.map((m) => m.text)).toEqual(['She is upset about the fee', 'Got it']);

    socket.fire('consult:update', update('three_way', 'from'));
    expect(client.getSnapshot().consult?.messages).toHaveLength(2);
    expect(await client.consult.leave()).toBe(true);
    expect(socket.emitted.find((e) => e.event === 'consult:leave')?.payload).toEqual({ sessionId: SESSION_ID });
    socket.fire('consult:update', update('ended', 'from'));
    expect(consultRole(client.getSnapshot())).toBeNull(); // the banner and the private chat go
    socket.fire('session:update', session('in_call', { workerId: 'w-maria' }));
    s = client.getSnapshot();
    expect(s.assignment).toBeNull();
    expect(s.ended).toMatchObject({ outcome: 'transferred_colleague', to: 'María López' });
  });

  it('the colleague who accepted: the consult survives the accept, joins the visitor, keeps the call when the other leaves', async () => {
    const a = { ...assignment(), session: session('in_call', { workerId: 'w-aiko' }) };
    const { client, socket } = await signedIn(worker('available'), {
      'offer:accept': () => ({ ok: true, data: a }),
      'consult:join': () => ({ ok: true, data: { session: { ...a.session, language: 'es' } } }),
    });
    socket.fire('offer:new', offer());
    // The push can come before the accept's answer.
    socket.fire('consult:update', update('consult', 'to'));
    await client.acceptOffer(OFFER_ID);
    let s = client.getSnapshot();
    expect(consultRole(s)).toBe('to');
    expect(isColleagueOnly(s)).toBe(false);
    expect(await client.consult.join()).toBe(true);
    expect(client.getSnapshot().assignment?.session.language).toBe('es');
    socket.fire('consult:update', update('three_way', 'to'));
    expect(client.getSnapshot().consult?.phase).toBe('three_way');
    socket.fire('consult:update', update('ended', 'to'));
    await flush();
    s = client.getSnapshot();
    expect(consultRole(s)).toBeNull();
    expect(s.assignment?.session.id).toBe(SESSION_ID);
    expect(s.announcements.polite).toMatchObject({ key: 'announce.consultEnded', params: { name: 'María López' } });
  });

  it('a refused join is shown in the banner', async () => {
    const { client, socket } = await signedIn(worker('available'), {
      'offer:accept': () => ({ ok: true, data: assignment() }),
      'consult:join': () => ({ ok: false, error: { code: 'forbidden', message: 'only the colleague who accepted can join' } }),
    });
    socket.fire('offer:new', offer());
    await client.acceptOffer(OFFER_ID);
    socket.fire('consult:update', update('consult', 'to'));
    expect(await client.consult.join()).toBe(false);
    expect(client.getSnapshot().consult).toMatchObject({ pending: null, error: { detail: 'only the colleague who accepted can join' } });
  });
});

import { describe, expect, it } from 'vitest';
import { alert, ALERT_ID, assignment, device, entry, offer, OFFER_ID, OTHER_SESSION, SESSION_ID, session, snapshot, suggestion, worker } from './fixtures.test-util.ts';
import { awaitsVerdict, holdsLease, initialState, isNewCriticalAlert, mergeEntry, reduce, sessionOutcome, sortAlerts, viewsFor, type ConsoleState, type PushEvent } from './state.ts';

const ready = (over: Partial<ConsoleState> = {}): ConsoleState => ({ ...initialState, phase: 'ready', worker: worker(), ...over });
const push = (s: ConsoleState, event: PushEvent, now = 1000) => reduce(s, { type: 'push', event, now });

describe('console state reducer', () => {
  it('applies the hello snapshot and keeps the arrival time of known offers', () => {
    const before = ready({ offers: [{ ...offer(), receivedAt: 5 }] });
    const s = reduce(before, { type: 'hello', snapshot: { worker: worker('away'), offers: [offer()], assignment: null, devices: [device('b', 'Robot B'), device('a', 'Kiosk A')] }, now: 99 });
    expect(s.phase).toBe('ready');
    expect(s.worker?.state).toBe('away');
    expect(s.offers[0]?.receivedAt).toBe(5);
    expect(s.devices.map((d) => d.device.name)).toEqual(['Kiosk A', 'Robot B']);
  });

  it('adds a new offer once, announces it urgently, and removes it when revoked', () => {
    let s = push(ready(), { type: 'offer:new', payload: offer() }, 1234);
    expect(s.offers).toHaveLength(1);
    expect(s.offers[0]?.receivedAt).toBe(1234);
    expect(s.announcements.urgent).toMatchObject({ key: 'announce.newOffer', urgent: true, params: { device: 'Lobby robot 1', urgency: 'normal' } });
    expect(push(s, { type: 'offer:new', payload: offer() }).offers).toHaveLength(1);
    s = push(s, { type: 'offer:revoked', payload: { offerId: OFFER_ID, reason: 'timeout' } });
    expect(s.offers).toHaveLength(0);
    expect(s.announcements.polite).toMatchObject({ key: 'announce.offerRevoked.timeout', urgent: false });
    expect(s.announcements.urgent?.key).toBe('announce.newOffer');
  });

  it('ignores offers addressed to another worker and revocations of unknown offers', () => {
    const s = ready();
    expect(push(s, { type: 'offer:new', payload: offer({ workerId: 'w-other' }) })).toBe(s);
    expect(push(s, { type: 'offer:revoked', payload: { offerId: OFFER_ID, reason: 'taken' } })).toBe(s);
  });

  it('accepting moves the offer into the assignment; transcript entries merge in seq order without duplicates', () => {
    let s = reduce(push(ready(), { type: 'offer:new', payload: offer() }), { type: 'assigned', assignment: assignment() });
    expect(s.offers).toHaveLength(0);
    expect(s.assignment?.session.state).toBe('in_call');
    s = push(s, { type: 'transcript:entry', payload: entry(5) });
    s = push(s, { type: 'transcript:entry', payload: entry(4, { speaker: 'worker' }) });
    s = push(s, { type: 'transcript:entry', payload: entry(5) });
    expect(s.assignment?.transcript.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    const other = push(s, { type: 'transcript:entry', payload: entry(6, { sessionId: '11111111-1111-4111-8111-111111111111' }) });
    expect(other).toBe(s);
  });

  it('a session:update to ended closes the call; it counts as mine while my end request is pending', () => {
    const inCall = reduce(ready({ worker: worker('busy') }), { type: 'assigned', assignment: assignment() });
    const byVisitor = push(inCall, { type: 'session:update', payload: session('ended', { disposition: 'visitor_left' }) });
    expect(byVisitor.assignment).toBeNull();
    expect(byVisitor.ended).toMatchObject({ byMe: false, session: { disposition: 'visitor_left' } });
    expect(byVisitor.announcements.polite?.key).toBe('announce.sessionEndedRemote');
    const mine = push({ ...inCall, pending: { ...inCall.pending, end: true } }, { type: 'session:update', payload: session('ended', { disposition: 'resolved' }) });
    expect(mine.ended?.byMe).toBe(true);
    // The later `session:end` answer changes nothing.
    expect(reduce(mine, { type: 'ended', session: session('ended'), byMe: true })).toBe(mine);
  });

  it('keeps the ended session during wrap-up and clears it once available again when the verdict was sent', () => {
    let s = reduce(ready({ worker: worker('busy') }), { type: 'assigned', assignment: assignment() });
    s = reduce(s, { type: 'ended', session: session('ended', { disposition: 'resolved' }), byMe: true });
    s = push(s, { type: 'worker:update', payload: worker('wrap_up') });
    expect(s.ended).not.toBeNull();
    expect(s.announcements.polite).toMatchObject({ key: 'announce.stateChanged', params: { state: 'wrap_up' } });
    s = { ...s, verdict: { sessionId: SESSION_ID, status: 'sent', error: null } };
    s = push(s, { type: 'worker:update', payload: worker('available') });
    expect(s.ended).toBeNull();
    expect(s.worker?.state).toBe('available');
  });

  it('keeps the wrap-up card after wrap-up while the handoff verdict is not given; the next call replaces it', () => {
    let s = reduce(ready({ worker: worker('busy') }), { type: 'assigned', assignment: assignment() });
    s = reduce(s, { type: 'ended', session: session('ended', { disposition: 'resolved' }), byMe: true });
    expect(s.verdict).toBeNull();
    expect(awaitsVerdict(s)).toBe(true);
    s = push(s, { type: 'worker:update', payload: worker('wrap_up') });
    s = push(s, { type: 'worker:update', payload: worker('available') });
    expect(s.ended?.session.id).toBe(SESSION_ID);
    // A failed send still waits for the verdict.
    s = push({ ...s, verdict: { sessionId: SESSION_ID, status: 'error', error: { key: 'errors.unavailable' } } }, { type: 'worker:update', payload: worker('away') });
    expect(s.ended).not.toBeNull();
    s = reduce(s, { type: 'assigned', assignment: assignment() });
    expect(s.ended).toBeNull();
    // A session never handed to a person (no escalation) asks for no verdict.
    expect(awaitsVerdict({ ...s, ended: { session: session('ended', { escalatedAt: null }), handoff: assignment().handoff, byMe: true, outcome: 'ended' } })).toBe(false);
  });

  it('upserts device status by id, sorted by name', () => {
    let s = reduce(ready(), { type: 'devices', devices: [device('a', 'Kiosk A')] });
    s = push(s, { type: 'device:update', payload: device('a', 'Kiosk A', { online: false }) });
    s = push(s, { type: 'device:update', payload: device('0', 'Entrance kiosk') });
    expect(s.devices.map((d) => [d.device.id, d.online])).toEqual([
      ['0', true],
      ['a', false],
    ]);
  });

  it('mergeEntry replaces an entry with the same id', () => {
    const merged = mergeEntry([entry(1), entry(2)], entry(2, { text: 'edited' }));
    expect(merged.map((e) => e.text)).toEqual(['line 1', 'edited']);
  });

  describe('robot control lease', () => {
    const inCall = () => reduce(ready({ worker: worker('busy') }), { type: 'assigned', assignment: assignment() });

    it('is assumed held from accept until a robot:lease with holder null arrives', () => {
      let s = inCall();
      expect(s.lease).toEqual({ sessionId: SESSION_ID, holder: 'w-aiko' });
      expect(holdsLease(s)).toBe(true);
      s = push(s, { type: 'robot:lease', payload: { sessionId: SESSION_ID, holder: 'w-aiko' } });
      expect(holdsLease(s)).toBe(true);
      s = push(s, { type: 'robot:lease', payload: { sessionId: SESSION_ID, holder: null } });
      expect(holdsLease(s)).toBe(false);
      expect(s.announcements.urgent).toMatchObject({ key: 'announce.leaseLost', params: { device: 'Lobby robot 1' } });
    });

    it('a lease held by someone else is not mine; a lease of another session is ignored', () => {
      const s = inCall();
      expect(holdsLease(push(s, { type: 'robot:lease', payload: { sessionId: SESSION_ID, holder: 'w-olivia' } }))).toBe(false);
      expect(push(s, { type: 'robot:lease', payload: { sessionId: '11111111-1111-4111-8111-111111111111', holder: null } })).toBe(s);
      expect(push(ready(), { type: 'robot:lease', payload: { sessionId: SESSION_ID, holder: 'w-aiko' } }).lease).toBeNull();
    });

    it('survives a reconnect snapshot of the same session and ends with the session', () => {
      let s = push(inCall(), { type: 'robot:lease', payload: { sessionId: SESSION_ID, holder: null } });
      s = reduce(s, { type: 'hello', snapshot: { worker: worker('busy'), offers: [], assignment: assignment(), devices: [] }, now: 5 });
      expect(holdsLease(s)).toBe(false);
      s = push(s, { type: 'session:update', payload: session('ended') });
      expect(s.lease).toBeNull();
      expect(holdsLease(s)).toBe(false);
      // A snapshot with a (new) assignment assumes the lease granted at accept.
      const fresh = reduce(ready(), { type: 'hello', snapshot: { worker: worker('busy'), offers: [], assignment: assignment(), devices: [] }, now: 5 });
      expect(holdsLease(fresh)).toBe(true);
    });
  });

  describe('consult after a reload', () => {
    it('restores the consult of my call from the snapshot (without the earlier private lines)', () => {
      const consult = { sessionId: SESSION_ID, phase: 'consult' as const, fromWorkerId: 'w-aiko', fromName: 'Aiko Tanaka', toWorkerId: 'w-maria', toName: 'María López' };
      const s = reduce(ready(), { type: 'hello', snapshot: { worker: worker('away'), offers: [], assignment: assignment(), devices: [], consult }, now: 5 });
      expect(s.consult).toMatchObject({ ...consult, messages: [], pending: null, error: null });
      expect(s.assignment?.session.id).toBe(SESSION_ID);
      const none = reduce(ready(), { type: 'hello', snapshot: { worker: worker('away'), offers: [], assignment: null, devices: [], consult: null }, now: 5 });
      expect(none.consult).toBeNull();
    });
  });

  describe('fleet alerts', () => {
    const staff = (over: Partial<ConsoleState> = {}) => ready({ worker: { ...worker(), id: 'w-kenji', role: 'staff' }, devices: [device('lobby-1', 'Lobby robot 1')], ...over });
    const A2 = '8e2f3a4b-5c6d-4e7f-8091-a2b3c4d5e6f7';
    const A3 = '9f3a4b5c-6d7e-4f80-91a2-b3c4d5e6f708';

    it('inserts new alerts, critical first then newest first', () => {
      let s = push(staff(), { type: 'alert:update', payload: alert() });
      s = push(s, { type: 'alert:update', payload: alert({ id: A2, openedAt: '2026-11-21T09:40:00.000Z' }) });
      s = push(s, { type: 'alert:update', payload: alert({ id: A3, kind: 'estop', severity: 'critical', openedAt: '2026-11-21T09:20:00.000Z' }) });
      expect(s.alerts.map((a) => a.id)).toEqual([A3, A2, ALERT_ID]);
    });

    it('updates an alert in place when acknowledged and removes it once resolved', () => {
      let s = push(staff(), { type: 'alert:update', payload: alert() });
      s = push(s, { type: 'alert:update', payload: alert({ state: 'acknowledged', acknowledgedBy: 'w-kenji' }) });
      expect(s.alerts).toHaveLength(1);
      expect(s.alerts[0]).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'w-kenji' });
      s = push(s, { type: 'alert:update', payload: alert({ state: 'resolved', resolvedAt: '2026-11-21T10:00:00.000Z' }) });
      expect(s.alerts).toEqual([]);
      // A resolved alert never seen before is not added.
      expect(push(staff(), { type: 'alert:update', payload: alert({ state: 'resolved' }) }).alerts).toEqual([]);
    });

    it('announces a new critical alert urgently to staff, once, but not to workers', () => {
      const critical = alert({ kind: 'estop', severity: 'critical', detail: 'E-stop pressed' });
      const s = push(staff(), { type: 'alert:update', payload: critical });
      expect(s.announcements.urgent).toMatchObject({ key: 'announce.criticalAlert', params: { kind: 'estop', device: 'Lobby robot 1', detail: 'E-stop pressed' } });
      const again = push(s, { type: 'alert:update', payload: { ...critical, state: 'acknowledged' } });
      expect(again.announcements.urgent?.id).toBe(s.announcements.urgent?.id);
      expect(push(staff(), { type: 'alert:update', payload: alert() }).announcements.urgent).toBeNull();
      expect(push(ready(), { type: 'alert:update', payload: critical }).announcements.urgent).toBeNull();
    });

    it('the fleet snapshot replaces devices and alerts', () => {
      const s = reduce(staff({ alerts: [alert({ id: A2 })] }), { type: 'fleet', devices: [device('b', 'Robot B'), device('a', 'Kiosk A')], alerts: [alert(), alert({ id: A3, severity: 'critical' })] });
      expect(s.fleetLoaded).toBe(true);
      expect(s.devices.map((d) => d.device.id)).toEqual(['a', 'b']);
      expect(s.alerts.map((a) => a.id)).toEqual([A3, ALERT_ID]);
      expect(sortAlerts(s.alerts)).toEqual(s.alerts);
    });
  });

  describe('call tools', () => {
    const inCall = () => reduce(ready({ worker: worker('busy') }), { type: 'assigned', assignment: assignment() });

    it('keeps capabilities from hello', () => {
      const s = reduce(ready(), { type: 'hello', snapshot: { worker: worker(), offers: [], assignment: null, devices: [], capabilities: { speechInput: false, speechOutput: 'browser', translation: 'none' } }, now: 1 });
      expect(s.capabilities).toEqual({ speechInput: false, speechOutput: 'browser', translation: 'none' });
      expect(reduce(ready(), { type: 'hello', snapshot: { worker: worker(), offers: [], assignment: null, devices: [] }, now: 1 }).capabilities).toBeNull();
    });

    it('takes assist suggestions of my call only and forgets them when the call ends', () => {
      let s = inCall();
      const update = { sessionId: SESSION_ID, entryId: entry(3).id, suggestions: [suggestion()] };
      s = push(s, { type: 'assist:update', payload: update });
      expect(s.assist?.suggestions[0]?.article?.title).toBe('Tax certificates');
      expect(push(s, { type: 'assist:update', payload: { ...update, sessionId: OTHER_SESSION, suggestions: [] } }).assist).toBe(s.assist);
      s = reduce(s, { type: 'ended', session: session('ended'), byMe: true });
      expect(s.assist).toBeNull();
    });

    it('loads and appends notes, and records what is shown on the kiosk', () => {
      let s = reduce(inCall(), { type: 'notes', sessionId: SESSION_ID, notes: [{ text: 'first', by: 'w-aiko', at: '2026-11-21T09:31:00.000Z' }] });
      s = reduce(s, { type: 'note', sessionId: SESSION_ID, note: { text: 'second', by: 'w-aiko', at: '2026-11-21T09:32:00.000Z' } });
      expect(s.notes).toMatchObject({ status: 'ready', items: [{ text: 'first' }, { text: 'second' }] });
      expect(reduce(s, { type: 'notes', sessionId: SESSION_ID, notes: null }).notes).toMatchObject({ status: 'error', items: [{ text: 'first' }, { text: 'second' }] });
      s = reduce(s, { type: 'kioskShown', sessionId: SESSION_ID, content: { type: 'image', title: 'Moving-in form', path: '/content/moving-in-form.svg' } });
      expect(s.kioskShown?.content.type).toBe('image');
      expect(reduce(s, { type: 'kioskShown', sessionId: SESSION_ID, content: null }).kioskShown).toBeNull();
      expect(reduce(s, { type: 'note', sessionId: OTHER_SESSION, note: { text: 'x', by: 'w', at: '2026-11-21T09:33:00.000Z' } })).toBe(s);
    });

    it('labels staff lines of others: lines present at accept and pushed staff lines; mine stay mine', () => {
      const a = { ...assignment(), transcript: [entry(1), entry(2, { speaker: 'worker' })] };
      let s = reduce(ready({ worker: worker('busy') }), { type: 'assigned', assignment: a });
      expect(s.otherStaff).toEqual({ sessionId: SESSION_ID, ids: [entry(2).id] });
      s = reduce(s, { type: 'entry', entry: entry(3, { speaker: 'worker' }) }); // my own message (request answer)
      s = push(s, { type: 'transcript:entry', payload: entry(4, { speaker: 'worker' }) }); // a supervisor who barged in
      expect(s.otherStaff?.ids).toEqual([entry(2).id, entry(4).id]);
      expect(s.assignment?.transcript.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    });
  });

  describe('transfers and handback', () => {
    const inCall = () => reduce(ready({ worker: worker('busy') }), { type: 'assigned', assignment: assignment() });

    it('tells what a session update means for my call', () => {
      expect(sessionOutcome(session('in_call'), 'w-aiko')).toBeNull();
      expect(sessionOutcome(session('in_call', { workerId: 'w-maria' }), 'w-aiko')).toBe('transferred_colleague');
      expect(sessionOutcome(session('queued', { workerId: null }), 'w-aiko')).toBe('transferred_queue');
      expect(sessionOutcome(session('intake', { workerId: null }), 'w-aiko')).toBe('handback');
      expect(sessionOutcome(session('ended'), 'w-aiko')).toBe('ended');
    });

    it('waits for the colleague, says plainly when they did not take it, and ends my part when they accept', () => {
      let s = reduce(inCall(), { type: 'transferStarted', sessionId: SESSION_ID, toWorkerId: 'w-maria', toName: 'María López' });
      expect(s.transfer).toMatchObject({ status: 'waiting', toName: 'María López' });
      expect(push(s, { type: 'transfer:failed', payload: { sessionId: SESSION_ID, toWorkerId: 'w-other', reason: 'declined' } })).toBe(s);
      const failed = push(s, { type: 'transfer:failed', payload: { sessionId: SESSION_ID, toWorkerId: 'w-maria', reason: 'timeout' } });
      expect(failed.transfer).toMatchObject({ status: 'failed', reason: 'timeout' });
      expect(failed.announcements.urgent).toMatchObject({ key: 'announce.transferFailed', params: { name: 'María López' } });
      expect(failed.assignment).not.toBeNull();
      s = push(s, { type: 'session:update', payload: session('in_call', { workerId: 'w-maria' }) });
      expect(s.assignment).toBeNull();
      expect(s.transfer).toBeNull();
      expect(s.ended).toMatchObject({ outcome: 'transferred_colleague', to: 'María López', byMe: true });
      expect(s.announcements.polite).toMatchObject({ key: 'announce.transferredColleague', params: { name: 'María López' } });
    });

    it('a handback or a cold transfer ends my part with its outcome', () => {
      const back = push(inCall(), { type: 'session:update', payload: session('intake', { workerId: null }) });
      expect(back.ended).toMatchObject({ outcome: 'handback' });
      const cold = reduce(inCall(), { type: 'ended', session: session('queued', { workerId: null }), byMe: true, outcome: 'transferred_queue', to: 'tax' });
      expect(cold.ended).toMatchObject({ outcome: 'transferred_queue', to: 'tax' });
      expect(cold.announcements.polite?.key).toBe('announce.transferredQueue');
    });
  });

  describe('supervision', () => {
    const supervisor = () => ready({ worker: { ...worker('available'), id: 'w-olivia', role: 'supervisor' } });

    it('lists the screens of each role', () => {
      expect(viewsFor('worker')).toEqual(['desk', 'history']);
      expect(viewsFor('supervisor')).toEqual(['desk', 'supervision', 'reports', 'fleet', 'history', 'knowledge']);
      expect(viewsFor('staff')).toEqual([]);
      expect(viewsFor('editor')).toEqual(['knowledge']);
      expect(viewsFor('trainer')).toEqual(['review']);
    });

    it('alarms staff and supervisors only for critical alerts', () => {
      const critical = alert({ severity: 'critical' });
      expect(isNewCriticalAlert(ready({ worker: { ...worker(), role: 'staff' } }), critical)).toBe(true);
      expect(isNewCriticalAlert(ready({ worker: { ...worker(), role: 'supervisor' } }), critical)).toBe(true);
      for (const role of ['worker', 'editor', 'trainer'] as const) expect(isNewCriticalAlert(ready({ worker: { ...worker(), role } }), critical)).toBe(false);
    });

    it('stores snapshots with their arrival time', () => {
      const s = push(supervisor(), { type: 'supervisor:update', payload: snapshot() }, 4242);
      expect(s.supervisor).toMatchObject({ at: 4242, snapshot: { queue: [{ department: 'tax' }] } });
    });

    it('merges live entries into the monitored call and notices when the call is gone', () => {
      let s: ConsoleState = { ...supervisor(), monitor: { sessionId: SESSION_ID, status: 'starting', call: null, deviceName: 'Lobby robot 1', workerName: 'Aiko Tanaka', barged: false, error: null } };
      s = reduce(s, { type: 'monitorStarted', call: assignment() });
      expect(s.monitor?.status).toBe('watching');
      s = push(s, { type: 'transcript:entry', payload: entry(4) });
      expect(s.monitor?.call?.transcript.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
      s = reduce(s, { type: 'bargedIn', sessionId: SESSION_ID });
      expect(s.monitor?.barged).toBe(true);
      s = push(s, { type: 'supervisor:update', payload: snapshot() });
      expect(s.monitor?.status).toBe('watching');
      s = push(s, { type: 'supervisor:update', payload: snapshot({ calls: [] }) });
      expect(s.monitor?.status).toBe('ended');
      expect(s.announcements.polite).toMatchObject({ key: 'announce.monitorEnded', params: { device: 'Lobby robot 1' } });
      expect(reduce(s, { type: 'monitorStopped' }).monitor).toBeNull();
    });
  });
});

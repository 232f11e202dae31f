import { describe, expect, it } from 'vitest';
import { AlertKind, Disposition, HandoffVerdict, KbStatus, KbTranslationState, LANGUAGES, MediaHealth, ReasonCode, ReviewWhy, Role, SessionState, Speaker, TurnLabel, Urgency, WorkerState } from '@telekiosk/shared';
import { WAYPOINT_NAMES } from '../lib/venue.ts';
import { DIRECTIONS } from '../lib/drive.ts';
import { DEPARTMENTS } from '../lib/disposition.ts';
import { CATALOGS, UI_LANGUAGES } from '../i18n/i18n.ts';
import en from './en.json';

type Tree = { [k: string]: string | Tree };

/** Flattened keys with i18next plural suffixes folded (`count_one` -> `count`). */
function keys(tree: Tree, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.add(path.replace(/_(zero|one|two|few|many|other)$/, ''));
    else for (const sub of keys(v, path)) out.add(sub);
  }
  return out;
}

const catalogs = CATALOGS as unknown as Record<string, Tree>;

/** Flattened `key.path -> text` (plural suffixes kept). */
function texts(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(path, v);
    else for (const [p, t] of texts(v, path)) out.set(p, t);
  }
  return out;
}

/**
 * Texts that may read the same as in English (words the languages share). Any other text equal
 * to the English one, with letters in it, counts as left untranslated.
 */
const SAME_AS_ENGLISH: Record<string, readonly string[]> = {
  // Key names and units read the same everywhere.
  '*': ['help.keyTab', 'robot.ms'],
  de: ['knowledge.history.version', 'workerState.offline', 'urgency.normal', 'sentiment.neutral', 'speaker.system', 'devices.online', 'devices.offline', 'robot.position', 'robot.navigation', 'supervision.col.name'],
  es: ['role.supervisor', 'urgency.normal', 'sentiment.neutral', 'speaker.supervisor', 'department.general'],
  fr: ['sentiment.positive', 'tabs.supervision', 'supervision.heading', 'callbacks.contact', 'supervision.col.actions', 'history.count', 'knowledge.list.article', 'knowledge.history.version'],
};

describe('locale catalogs', () => {
  const reference = keys(en as Tree);

  it('has a catalog for each of the 8 languages', () => {
    expect(Object.keys(catalogs).sort()).toEqual([...LANGUAGES].sort());
    expect([...UI_LANGUAGES].sort()).toEqual([...LANGUAGES].sort());
  });

  it.each(UI_LANGUAGES.filter((l) => l !== 'en'))('%s translates every text (nothing left in English)', (lng) => {
    const english = texts(en as Tree);
    const allowed = new Set([...SAME_AS_ENGLISH['*']!, ...(SAME_AS_ENGLISH[lng] ?? [])]);
    const letters = (s: string) => /\p{L}{2,}/u.test(s.replace(/\{\{\w+\}\}/g, ''));
    const same = [...texts(catalogs[lng]!)].filter(([k, v]) => english.get(k) === v && letters(v) && !allowed.has(k) && !allowed.has(k.replace(/_(one|other)$/, ''))).map(([k]) => k);
    expect(same, 'left in English').toEqual([]);
  });

  it.each(UI_LANGUAGES.filter((l) => l !== 'en'))('%s keeps every {{placeholder}} of en', (lng) => {
    const english = texts(en as Tree);
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [k, v] of texts(catalogs[lng]!)) {
      const ref = english.get(k) ?? english.get(k.replace(/_(zero|one|two|few|many|other)$/, '_other'));
      if (ref !== undefined) expect(vars(v), `${lng}: ${k}`).toEqual(vars(ref));
    }
  });

  it.each(Object.keys(catalogs))('%s has exactly the keys of en', (lng) => {
    const mine = keys(catalogs[lng]!);
    expect([...reference].filter((k) => !mine.has(k)), 'missing').toEqual([]);
    expect([...mine].filter((k) => !reference.has(k)), 'extra').toEqual([]);
  });

  it('labels every enum value the UI shows', () => {
    const enums: [string, readonly string[]][] = [
      ['reason', ReasonCode.options],
      ['disposition', Disposition.options],
      ['urgency', Urgency.options],
      ['workerState', WorkerState.options],
      ['role', Role.options],
      ['speaker', Speaker.options],
      ['sessionState', SessionState.options],
      ['alertKind', AlertKind.options],
      ['alertSeverity', ['warning', 'critical']],
      ['health', MediaHealth.options],
      ['robotLink', ['up', 'down', 'none']],
      ['robot.drive', DIRECTIONS],
      ['robot.driveShort', DIRECTIONS],
      ['robot.result', ['navigate', 'cancel', 'dock', 'stop', 'drive', 'failed']],
      ['robot.command', ['navigate', 'cancel', 'dock', 'stop', 'drive', 'ping', 'estop_release']],
      ['robotReason', ['estop', 'robot_link_down', 'no_lease', 'no_robot', 'unknown_waypoint', 'robot_timeout', 'robot_error', 'device_timeout', 'device_offline', 'unavailable', 'other']],
      ['department', DEPARTMENTS],
      ['languages', LANGUAGES],
      ['call.translation', ['azure', 'llm', 'none']],
      ['assist.source', ['kb', 'llm']],
      ['transfer.mode', ['queue', 'colleague']],
      ['transfer.failedReason', ['declined', 'timeout', 'unavailable']],
      ['tabs', ['desk', 'fleet', 'supervision', 'reports', 'history', 'knowledge', 'review']],
      ['knowledge.status', KbStatus.options],
      ['knowledge.translation', KbTranslationState.options],
      ['knowledge.translationShort', KbTranslationState.options.filter((s) => s !== 'current')],
      ['review.why', ReviewWhy.options],
      ['review.label', TurnLabel.options],
      ['verdict.escalation', HandoffVerdict.shape.escalation.options],
      ['verdict.answers', HandoffVerdict.shape.answers.unwrap().options],
      ['verdict.package', HandoffVerdict.shape.package.unwrap().options],
      ['reports.problem', ['fromInvalid', 'toInvalid', 'range']],
      ['monitor', ['visitorCamera', 'workerCamera', 'otherCamera']],
    ];
    for (const [group, values] of enums) for (const v of values) expect(reference.has(`${group}.${v}`), `${group}.${v}`).toBe(true);
  });

  it('keeps the English accessible names the end-to-end tests use', () => {
    const e = en as unknown as { offer: Record<string, string>; call: Record<string, string>; availability: Record<string, string> };
    expect([e.offer.accept, e.offer.decline]).toEqual(['Accept', 'Decline']);
    expect([e.call.visitorCamera, e.call.transcript, e.call.messageLabel, e.call.send, e.call.end]).toEqual(['Visitor camera', 'Transcript', 'Message to visitor', 'Send', 'End session']);
    expect([e.availability.available, e.availability.away]).toEqual(['Available', 'Away']);
  });

  it('keeps the English accessible names of robot control and the fleet screen', () => {
    const e = en as unknown as Record<string, Record<string, string | Record<string, string>>>;
    const robot = e.robot as Record<string, string> & { drive: Record<string, string> };
    expect(robot.drive).toEqual({ forward: 'Drive forward', backward: 'Drive backward', left: 'Turn left', right: 'Turn right' });
    expect([robot.stop, robot.goTo, robot.go, robot.cancelNav, robot.dock, robot.revoke]).toEqual(['Stop robot', 'Go to', 'Go', 'Cancel navigation', 'Return to dock', 'Revoke control']);
    const fleet = e.fleet as Record<string, string>;
    expect([fleet.releaseEstop, fleet.putOutOfService, fleet.putInService, fleet.reload, fleet.dock]).toEqual([
      'Release e-stop',
      'Put out of service',
      'Put back in service',
      'Reload kiosk app',
      'Send to dock',
    ]);
    const alerts = e.alerts as Record<string, string>;
    expect([alerts.acknowledge, alerts.resolve]).toEqual(['Acknowledge', 'Resolve']);
    expect([e.tabs!.desk, e.tabs!.fleet]).toEqual(['Desk', 'Fleet']);
    expect((e.map as Record<string, string>).deviceAt).toBe('{{name}} at x {{x}} m, y {{y}} m');
  });

  it('keeps the English accessible names of the desk, call tools, supervision and reports', () => {
    const e = en as unknown as Record<string, Record<string, unknown>>;
    const get = (path: string) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], e);
    const names: Record<string, string> = {
      'assist.heading': 'Suggested replies',
      'assist.send': 'Send suggestion',
      'canned.heading': 'Canned replies',
      'canned.insert': 'Insert reply: {{words}}',
      'notes.label': 'Session notes',
      'notes.save': 'Save note',
      'kiosk.heading': 'Show on kiosk',
      'kiosk.showMovingInForm': 'Show moving-in form',
      'kiosk.linkLabel': 'Link to show (https)',
      'kiosk.showLink': 'Show link',
      'kiosk.showMap': 'Show map',
      'kiosk.clear': 'Take back from kiosk',
      'call.transfer': 'Transfer',
      'call.handback': 'Hand back to assistant',
      'transfer.mode.queue': 'To a queue',
      'transfer.mode.colleague': 'To a colleague',
      'transfer.note': 'Note for your colleague',
      'transfer.confirm': 'Transfer now',
      'transfer.waiting': 'Waiting for {{name}} to accept…',
      'transfer.failed': '{{name}} did not take the transfer',
      'offer.transferFrom': 'Transfer from {{name}}',
      'end.notesRequired': 'Notes are required for this disposition',
      'ptt.hold': 'Hold to talk',
      'ptt.notConfigured': 'Voice input is not configured; type your messages',
      'call.translation.none': 'Live translation: off (messages across languages stay untranslated)',
      'history.search': 'Search sessions',
      'callbacks.heading': 'Callbacks',
      'callbacks.complete': 'Mark called back',
      'supervision.assignTo': 'Assign to…',
      'supervision.assign': 'Assign',
      'supervision.monitor': 'Monitor',
      'monitor.visitorCamera': 'Visitor camera',
      'monitor.workerCamera': 'Worker camera',
      'monitor.bargeIn': 'Barge in',
      'monitor.stop': 'Stop monitoring',
      'reports.csvKpi': 'Download KPI CSV',
      'reports.csvSessions': 'Download sessions CSV',
      'enrolment.form.heading': 'Add a kiosk',
      'enrolment.form.deviceId': 'Kiosk ID',
      'enrolment.form.name': 'Kiosk name',
      'enrolment.form.location': 'Location',
      'enrolment.form.submit': 'Add kiosk',
      'enrolment.credential': 'Credential',
      'enrolment.newCode': 'New enrolment code',
      'enrolment.rotate': 'Rotate credential',
      'enrolment.revokeButton': 'Revoke credential',
      'enrolment.revoke.title': 'Revoke the credential of {{name}}?',
      'enrolment.panel.headingCreated': '{{name}} was added: enrol it now',
      'enrolment.panel.qrLabel': 'QR code of the enrolment URL for {{name}}',
      'enrolment.panel.done': 'Hide code',
    };
    for (const [path, name] of Object.entries(names)) expect(get(path), path).toBe(name);
  });

  it('names every venue waypoint in every language', async () => {
    const { waypointLabelKey } = await import('../lib/venue.ts');
    for (const [lng, tree] of Object.entries(catalogs)) {
      const mine = keys(tree);
      for (const name of WAYPOINT_NAMES) expect(mine.has(waypointLabelKey(name).key), `${lng}: ${name}`).toBe(true);
    }
  });
});

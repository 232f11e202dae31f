import { describe, expect, it } from 'vitest';
import { Disposition, ReasonCode, Role, SessionState, Speaker, Urgency, WorkerState } from '@telekiosk/shared';
import en from './en.json';
import es from './es.json';
import ja from './ja.json';
import zh from './zh.json';

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

const catalogs = { en, ja, es, zh } as Record<string, Tree>;

describe('locale catalogs', () => {
  const reference = keys(en as Tree);

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
    ];
    for (const [group, values] of enums) for (const v of values) expect(reference.has(`${group}.${v}`), `${group}.${v}`).toBe(true);
  });

  it('keeps the English accessible names the end-to-end tests use', () => {
    const e = en as unknown as { offer: Record<string, string>; call: Record<string, string>; availability: Record<string, string> };
    expect([e.offer.accept, e.offer.decline]).toEqual(['Accept', 'Decline']);
    expect([e.call.visitorCamera, e.call.transcript, e.call.messageLabel, e.call.send, e.call.end]).toEqual(['Visitor camera', 'Transcript', 'Message to visitor', 'Send', 'End session']);
    expect([e.availability.available, e.availability.away]).toEqual(['Available', 'Away']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvField, dailyToCsv, reportToCsv, sessionsToCsv, SESSIONS_CSV_HEADER, toCsv } from './csv.ts';
import { KpiService, type SessionKpiRow } from './kpiQueries.ts';
import { kpiFixture, SITE_B, type Fixture } from './testFixture.ts';

/** A minimal RFC 4180 parser (test oracle): quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += ch;
  }
  if (field !== '' || row.length > 0) throw new Error('last record not terminated by CRLF');
  return rows;
}

describe('RFC 4180 encoder', () => {
  it('quotes only fields with commas, quotes, CR or LF, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField(' spaced ')).toBe(' spaced ');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
    expect(csvField('cr\rlf\r\n')).toBe('"cr\rlf\r\n"');
    expect(csvField('東京, "本庁舎" ñ 🙂')).toBe('"東京, ""本庁舎"" ñ 🙂"');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(true)).toBe('true');
    expect(csvField(new Date('2026-03-02T09:00:00Z'))).toBe('2026-03-02T09:00:00.000Z');
  });

  it('neutralizes formula-like strings unless turned off', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-x')).toBe("'-x");
    expect(csvField('@sum')).toBe("'@sum");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('=1', { neutralizeFormulas: false })).toBe('=1');
  });

  it('writes CRLF records, an optional BOM, and round-trips through a parser', () => {
    const rows = [['a,b', 'q"q', 'multi\nline', '日本語'], [1, null, 'x', '']] as const;
    const text = toCsv(['h1', 'h2', 'h3', 'h4'], rows);
    expect(text).toBe('h1,h2,h3,h4\r\n"a,b","q""q","multi\nline",日本語\r\n1,,x,\r\n');
    expect(parseCsv(text)).toEqual([['h1', 'h2', 'h3', 'h4'], ['a,b', 'q"q', 'multi\nline', '日本語'], ['1', '', 'x', '']]);
    const bom = toCsv(['h'], [['é']], { bom: true });
    expect(bom.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(bom, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('exports sessions with awkward values escaped', () => {
    const row: SessionKpiRow = {
      id: '11111111-1111-4111-8111-111111111111', deviceId: 'kiosk-a', language: 'ja', createdAt: '2026-03-02T09:00:00.000Z',
      escalatedAt: null, answeredAt: null, endedAt: '2026-03-02T09:05:00.000Z', reasons: ['safety', 'explicit_request'],
      disposition: 'referred, to "desk 3"\n(東京)', rating: null,
    };
    const text = sessionsToCsv([row]);
    expect(parseCsv(text)).toEqual([
      [...SESSIONS_CSV_HEADER],
      [row.id, 'kiosk-a', 'ja', row.createdAt, '', '', row.endedAt, 'safety;explicit_request', 'referred, to "desk 3"\n(東京)', ''],
    ]);
  });
});

describe('CSV of stored KPIs', () => {
  let fx: Fixture;
  let kpi: KpiService;
  beforeAll(async () => {
    fx = await kpiFixture();
    kpi = new KpiService(fx.database.db, { now: () => new Date('2026-03-06T00:00:00Z') });
  });
  afterAll(() => fx.database.close());

  it('exports the report as metric,segment,value,unit rows', async () => {
    const rows = parseCsv(reportToCsv(await kpi.report({ site: SITE_B })));
    expect(rows[0]).toEqual(['metric', 'segment', 'value', 'unit']);
    const get = (metric: string, segment = '') => rows.find((r) => r[0] === metric && r[1] === segment)?.[2];
    expect(get('filter_site')).toBe(SITE_B); // commas, quotes and non-ASCII survive
    expect(get('generated_at')).toBe('2026-03-06T00:00:00.000Z');
    expect(get('sessions_total')).toBe('3');
    expect(get('escalation_rate')).toBe('66.67');
    expect(get('abandonment_rate')).toBe('50');
    expect(get('containment_rate')).toBe('0');
    expect(get('first_response_p50')).toBe('10000');
    expect(get('wait_prediction_count')).toBe('0'); // site B's only estimate was `unknown` (no range)
    expect(get('wait_prediction_within_range')).toBe(''); // null -> empty
    expect(get('escalations_by_reason', 'reason=safety')).toBe('1');
    expect(get('escalation_share_by_reason', 'reason=safety')).toBe('50');
    expect(get('csat_mean', 'group=ai_only')).toBe(''); // null -> empty
    expect(get('csat_mean', 'group=escalated')).toBe('5');
    expect(get('daily_sessions', 'date=2026-03-04')).toBe('0');
    expect(rows.every((r) => r.length === 4)).toBe(true);
  });

  it('exports the daily series and the sessions', async () => {
    const report = await kpi.report();
    expect(parseCsv(dailyToCsv(report))).toEqual([
      ['date', 'sessions', 'escalations', 'answered', 'abandoned'],
      ['2026-03-02', '3', '2', '1', '1'],
      ['2026-03-03', '3', '2', '2', '0'],
      ['2026-03-04', '0', '0', '0', '0'],
      ['2026-03-05', '3', '2', '1', '0'],
    ]);
    const sessions = parseCsv(sessionsToCsv(await kpi.sessionRows()));
    expect(sessions).toHaveLength(10);
    expect(sessions[5]).toEqual([fx.ids.S5, 'kiosk-b', 'en', '2026-03-03T12:00:00.000Z', '2026-03-03T12:05:00.000Z', '2026-03-03T12:05:10.000Z', '2026-03-03T12:30:00.000Z', 'safety;explicit_request', 'resolved', '5']);
    expect(sessions[8]).toEqual([fx.ids.S8, 'kiosk-a', 'ja', '2026-03-05T09:00:00.000Z', '2026-03-05T09:01:00.000Z', '', '', 'out_of_scope', '', '']);
  });
});

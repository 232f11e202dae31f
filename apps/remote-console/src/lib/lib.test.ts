import { describe, expect, it } from 'vitest';
import { audioTracks, cameraGroups, TrackRoles } from './tracks.ts';
import { baseMimeType, pickRecorderType } from './audio.ts';
import { filenameFromDisposition } from './download.ts';
import { endFormProblem, notesRequired } from './disposition.ts';
import { firstWords } from './text.ts';
import { httpsUrl } from './kioskContent.ts';
import { elapsedSince, queueSummary, sortQueue } from './supervision.ts';
import { formatDuration, isoDuration } from './format.ts';
import { dailyTotals, defaultKpiForm, kpiFilterFromForm, kpiQueryString, localDateString, msToSeconds } from './kpi.ts';

describe('monitor track grouping', () => {
  it('puts one camera per video track, visitor first, with roles from the signaling', () => {
    const roles = new TrackRoles();
    roles.producer('p-kiosk-v', 'kiosk');
    roles.producer('p-worker-v', 'worker');
    roles.consumer('c1', 'p-worker-v');
    roles.consumer('c2', 'p-kiosk-v');
    const tracks = [
      { id: 'c1', kind: 'video' },
      { id: 'a1', kind: 'audio' },
      { id: 'c2', kind: 'video' },
      { id: 'x', kind: 'video' },
    ];
    expect(cameraGroups(tracks, roles.roleOf).map((g) => [g.key, g.role])).toEqual([
      ['c2', 'kiosk'],
      ['c1', 'worker'],
      ['x', null],
    ]);
    expect(audioTracks(tracks).map((t) => t.id)).toEqual(['a1']);
  });

  it('falls back to the producer id when a browser names tracks after producers', () => {
    const roles = new TrackRoles();
    roles.producer('p1', 'kiosk');
    expect(roles.roleOf('p1')).toBe('kiosk');
    expect(roles.roleOf('unknown')).toBeNull();
  });
});

describe('push-to-talk audio', () => {
  it('strips codec parameters and picks a supported recorder type', () => {
    expect(baseMimeType('audio/webm;codecs=opus')).toBe('audio/webm');
    expect(baseMimeType('Audio/Ogg; codecs=opus')).toBe('audio/ogg');
    expect(baseMimeType('')).toBe('audio/webm');
    expect(baseMimeType(undefined, 'audio/mp4')).toBe('audio/mp4');
    expect(pickRecorderType((t) => t === 'audio/webm')).toBe('audio/webm');
    expect(pickRecorderType(() => false)).toBeUndefined();
  });
});

describe('small helpers', () => {
  it('reads a download file name from Content-Disposition', () => {
    expect(filenameFromDisposition('attachment; filename="kpi-2026-11-21.csv"', 'x.csv')).toBe('kpi-2026-11-21.csv');
    expect(filenameFromDisposition("attachment; filename*=UTF-8''sessions%202026.csv", 'x.csv')).toBe('sessions 2026.csv');
    expect(filenameFromDisposition('attachment; filename="../../etc"', 'x.csv')).toBe('.._.._etc');
    expect(filenameFromDisposition(null, 'x.csv')).toBe('x.csv');
  });

  it('requires notes for follow-up and referral', () => {
    expect(notesRequired('follow_up')).toBe(true);
    expect(notesRequired('referred')).toBe(true);
    expect(notesRequired('resolved')).toBe(false);
    expect(endFormProblem(null, '')).toBe('disposition');
    expect(endFormProblem('follow_up', '  ')).toBe('notes');
    expect(endFormProblem('follow_up', 'Call back Tuesday')).toBeNull();
    expect(endFormProblem('resolved', '')).toBeNull();
  });

  it('names canned replies by their first words', () => {
    expect(firstWords("Hello, I'm here to help. I can see")).toBe("Hello, I'm here to…");
    expect(firstWords('One moment')).toBe('One moment');
    expect(firstWords('こんにちは。お手伝いします。アシスタントとのやり取りは確認しています。')).toBe('こんにちは。お手伝いします。…');
    expect(firstWords('短い')).toBe('短い');
  });

  it('accepts only https links for the kiosk', () => {
    expect(httpsUrl(' https://harbor.example/forms ')).toBe('https://harbor.example/forms');
    expect(httpsUrl('http://harbor.example')).toBeNull();
    expect(httpsUrl('javascript:alert(1)')).toBeNull();
    expect(httpsUrl('harbor.example')).toBeNull();
    expect(httpsUrl('https://')).toBeNull();
  });

  it('formats durations as clocks and ISO durations', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(65_400)).toBe('1:05');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(isoDuration(65_000)).toBe('PT1M5S');
    expect(isoDuration(0)).toBe('PT0S');
    expect(isoDuration(3_600_000)).toBe('PT1H');
  });
});

describe('supervision queue summary', () => {
  const item = (sessionId: string, language: string, department: string, waitingMs: number, priority = 5) => ({
    sessionId,
    deviceId: 'lobby-1',
    deviceName: 'Lobby robot 1',
    language,
    department,
    priority,
    waitingMs,
    offered: false,
  });

  it('counts waiting visitors by language and department and ages the longest wait', () => {
    const q = [item('a', 'en', 'tax', 10_000), item('b', 'ja', 'general', 40_000), item('c', 'en', 'general', 5_000)];
    const s = queueSummary(q, 1_000, 3_000);
    expect(s).toEqual({ waiting: 3, longestMs: 42_000, byLanguage: [['en', 2], ['ja', 1]], byDepartment: [['general', 2], ['tax', 1]] });
    expect(queueSummary([], 0, 0).longestMs).toBe(0);
    expect(elapsedSince(1000, 5000, 4000)).toBe(1000);
  });

  it('orders the queue by priority, then by wait', () => {
    const q = [item('a', 'en', 'tax', 10_000), item('b', 'ja', 'general', 40_000), item('s', 'en', 'security', 1_000, 0)];
    expect(sortQueue(q).map((x) => x.sessionId)).toEqual(['s', 'b', 'a']);
  });
});

describe('KPI filter form', () => {
  it('turns calendar days into an exclusive local-time range', () => {
    const r = kpiFilterFromForm({ from: '2026-11-01', to: '2026-11-07', deviceId: 'lobby-1', language: 'ja' }, 'Asia/Tokyo');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.filter.from).toBe(new Date(2026, 10, 1).toISOString());
    expect(r.filter.to).toBe(new Date(2026, 10, 8).toISOString());
    expect(r.filter).toMatchObject({ deviceId: 'lobby-1', language: 'ja', timeZone: 'Asia/Tokyo' });
    expect(kpiQueryString(r.filter)).toContain('deviceId=lobby-1');
    expect(kpiQueryString({})).toBe('');
  });

  it('rejects impossible dates and reversed ranges; a single day is fine', () => {
    expect(kpiFilterFromForm({ from: '2026-02-30', to: '', deviceId: '', language: '' })).toEqual({ ok: false, problem: 'fromInvalid' });
    expect(kpiFilterFromForm({ from: '2026-11-08', to: '2026-11-07', deviceId: '', language: '' })).toEqual({ ok: false, problem: 'range' });
    expect(kpiFilterFromForm({ from: '2026-11-07', to: '2026-11-07', deviceId: '', language: '' }).ok).toBe(true);
    expect(kpiFilterFromForm({ from: '', to: '', deviceId: '', language: '' })).toEqual({ ok: true, filter: {} });
  });

  it('defaults to the last seven days', () => {
    const f = defaultKpiForm(new Date(2026, 0, 3));
    expect([f.from, f.to]).toEqual(['2025-12-28', '2026-01-03']);
    expect(localDateString(new Date(2026, 8, 9))).toBe('2026-09-09');
  });

  it('converts ms to seconds and totals the daily points', () => {
    expect(msToSeconds(12_345)).toBe(12.3);
    expect(msToSeconds(null)).toBeNull();
    const t = dailyTotals([
      { date: '2026-11-01', sessions: 4, escalations: 2, answered: 1, abandoned: 1 },
      { date: '2026-11-02', sessions: 6, escalations: 3, answered: 3, abandoned: 0 },
    ]);
    expect(t).toMatchObject({ days: 2, sessions: 10, escalations: 5, answered: 4, abandoned: 1, busiest: { date: '2026-11-02' } });
  });
});

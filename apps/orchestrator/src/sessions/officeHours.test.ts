import { describe, expect, it } from 'vitest';
import { OfficeHours } from './officeHours.ts';

describe('OfficeHours', () => {
  const h = OfficeHours.parse('mon-fri 08:30-17:15; sat 09:00-12:00', 'Asia/Tokyo');
  it('is open inside the windows in the office time zone', () => {
    expect(h.isOpen(new Date('2026-11-23T00:00:00Z'))).toBe(true); // Mon 09:00 JST
    expect(h.isOpen(new Date('2026-11-22T23:29:00Z'))).toBe(false); // Mon 08:29 JST
    expect(h.isOpen(new Date('2026-11-23T08:15:00Z'))).toBe(false); // Mon 17:15 JST (closing time)
    expect(h.isOpen(new Date('2026-11-21T02:00:00Z'))).toBe(true); // Sat 11:00 JST
    expect(h.isOpen(new Date('2026-11-22T02:00:00Z'))).toBe(false); // Sun
  });
  it('is always open without a spec', () => {
    expect(OfficeHours.parse('').isOpen(new Date())).toBe(true);
  });
  it('rejects bad specs naming the part', () => {
    expect(() => OfficeHours.parse('weekdays 9-5')).toThrow(/cannot read "weekdays 9-5"/);
    expect(() => OfficeHours.parse('mon-fry 08:00-09:00')).toThrow(/unknown day "fry"/);
    expect(() => OfficeHours.parse('mon 18:00-09:00')).toThrow(/must open before it closes/);
    expect(() => OfficeHours.parse('', 'Mars/Base')).toThrow(/unknown IANA time zone/);
  });
});

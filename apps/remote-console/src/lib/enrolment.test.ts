import { describe, expect, it } from 'vitest';
import { enrolmentUrl, newDeviceProblems } from './enrolment.ts';

describe('"Add a kiosk" form', () => {
  it('accepts what device:create accepts (fields trimmed)', () => {
    expect(newDeviceProblems({ deviceId: ' hall_2-B ', name: ' Hall kiosk 2 ', location: 'Hall B' })).toEqual({});
  });

  it('names the problem of each field', () => {
    expect(newDeviceProblems({ deviceId: '', name: ' ', location: '' })).toEqual({
      deviceId: 'enrolment.form.errors.deviceIdMissing',
      name: 'enrolment.form.errors.nameMissing',
      location: 'enrolment.form.errors.locationMissing',
    });
    expect(newDeviceProblems({ deviceId: 'hall 2', name: 'n'.repeat(81), location: 'l'.repeat(201) })).toEqual({
      deviceId: 'enrolment.form.errors.deviceIdInvalid',
      name: 'enrolment.form.errors.nameTooLong',
      location: 'enrolment.form.errors.locationTooLong',
    });
    expect(newDeviceProblems({ deviceId: 'x'.repeat(65), name: 'n', location: 'l' })).toEqual({ deviceId: 'enrolment.form.errors.deviceIdInvalid' });
    expect(newDeviceProblems({ deviceId: 'hallé', name: 'n', location: 'l' })).toEqual({ deviceId: 'enrolment.form.errors.deviceIdInvalid' });
  });
});

describe('enrolment URL', () => {
  it('is the kiosk app of this origin with the code in the fragment', () => {
    expect(enrolmentUrl('https://office.example', 'K7QF-9MZ2-XA4P')).toBe('https://office.example/kiosk/#enrol=K7QF-9MZ2-XA4P');
    expect(enrolmentUrl('http://127.0.0.1:8080/', 'AAAA-BBBB-CCCC')).toBe('http://127.0.0.1:8080/kiosk/#enrol=AAAA-BBBB-CCCC');
  });
});

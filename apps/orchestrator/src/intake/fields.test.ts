import { describe, expect, it } from 'vitest';
import { extractFields } from './fields.ts';

describe('extractFields', () => {
  it('finds names in several languages', () => {
    expect(extractFields('Hi, my name is Ana Torres and I need help').name).toBe('Ana Torres');
    expect(extractFields('Hola, me llamo Lucía Gómez').name).toBe('Lucía Gómez');
    expect(extractFields('田中と申します。').name).toBe('田中');
    expect(extractFields('我叫王伟，我想问一下').name).toBe('王伟');
  });
  it('finds case numbers, e-mails, phones and appointment times', () => {
    expect(extractFields('My case number is RT-20931, it was rejected')).toMatchObject({ case_number: 'RT-20931' });
    expect(extractFields('受付番号は１２３４５６です')).toMatchObject({ case_number: '123456' });
    expect(extractFields('mi número de expediente: EXP-7781')).toMatchObject({ case_number: 'EXP-7781' });
    expect(extractFields('write to ana.torres@example.org please')).toMatchObject({ email: 'ana.torres@example.org' });
    expect(extractFields('call me at +81 90-1234-5678')).toMatchObject({ phone: '+81 90-1234-5678' });
    expect(extractFields('I have an appointment at 10:30')).toMatchObject({ appointment: '10:30' });
  });
  it('stays quiet on ordinary questions', () => {
    expect(extractFields('When are you open on Saturday?')).toEqual({});
    expect(extractFields('Where is counter 3?')).toEqual({});
    expect(extractFields('住民票はどこで取れますか')).toEqual({});
  });
});

import { describe, expect, it } from 'vitest';
import { findPii, luhnValid, myNumberValid, redactDeep, redactText } from './redact.ts';

describe('PII redaction', () => {
  it('redacts e-mail addresses, phone numbers and Luhn-valid card numbers', () => {
    expect(redactText('Mail me at jane.doe+city@example.org please')).toBe('Mail me at [email] please');
    expect(redactText('call +81 3-1234-5678 or (555) 123-4567')).toBe('call [phone] or [phone]');
    expect(redactText('mon numéro: 06 12 34 56 78')).toBe('mon numéro: [phone]');
    expect(redactText('携帯は090-1234-5678です')).toBe('携帯は[phone]です');
    expect(redactText('card 4111 1111 1111 1111 exp 12/27')).toBe('card [card] exp 12/27');
    expect(redactText('card 4111-1111-1111-1112')).toBe('card 4111-1111-1111-1112');
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });

  it('redacts the national ID numbers of the 8 languages’ main countries, with their check digits', () => {
    const cases: [string, string][] = [
      ['SSN 536-90-4399', 'SSN [us-ssn]'],
      ['マイナンバーは123456789018です', 'マイナンバーは[jp-my-number]です'],
      ['DNI 12345678Z', 'DNI [es-dni]'],
      ['NIE X1234567L', 'NIE [es-nie]'],
      ['身份证 11010519491231002X', '身份证 [cn-resident-id]'],
      ['주민번호 900101-1234568', '주민번호 [kr-rrn]'],
      ['주민번호 971013-9019902 외국인', '주민번호 [kr-rrn] 외국인'],
      ['주민번호 991231-3123456', '주민번호 [kr-rrn]'],
      ['NIR 2 55 08 14 168 025 38', 'NIR [fr-nir]'],
      ['Steuer-ID 36574261809', 'Steuer-ID [de-steuer-id]'],
      ['CPF 529.982.247-25', 'CPF [br-cpf]'],
    ];
    for (const [input, out] of cases) expect(redactText(input), input).toBe(out);
    expect(myNumberValid('123456789018')).toBe(true);
    expect(myNumberValid('123456789012')).toBe(false);
  });

  it('leaves wrong check digits, dates, times, ticket numbers, UUIDs and ordinary numbers alone', () => {
    for (const s of ['DNI 12345678A', 'CPF 529.982.247-26', 'on 2025-01-02 at 10:30', 'ticket CB-4821', 'room 12, floor 3', 'order 12345', '3 forms and 2 photos', 'session 7b5c1baa-5061-47bc-9af7-5f4beea0bb86']) {
      expect(redactText(s), s).toBe(s);
    }
    expect(findPii('nothing here')).toEqual([]);
  });

  it('redacts strings inside structured data but keeps UUIDs and ISO timestamps', () => {
    const v = { id: '7b5c1baa-5061-47bc-9af7-5f4beea0bb86', at: '2026-12-03T23:44:01.731Z', reasons: [{ code: 'explicit_request', evidence: 'said "call me at +44 20 7946 0958"' }], n: 3 };
    expect(redactDeep(v)).toEqual({ ...v, reasons: [{ code: 'explicit_request', evidence: 'said "call me at [phone]"' }] });
  });
});

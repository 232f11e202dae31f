import { stdnum } from 'stdnum';

/** Kinds of personal data the redactor replaces, each with its placeholder `[kind]`. */
export type PiiKind = 'email' | 'phone' | 'card' | 'us-ssn' | 'jp-my-number' | 'es-dni' | 'es-nie' | 'cn-resident-id' | 'kr-rrn' | 'fr-nir' | 'de-steuer-id' | 'br-cpf';

/** One detector: candidates by pattern, confirmed by a check (check digit, date, ranges). */
interface Detector {
  kind: PiiKind;
  pattern: RegExp;
  valid?: (match: string) => boolean;
}

const digitsOf = (s: string) => s.replace(/\D/g, '');

/**
 * Luhn (ISO/IEC 7812-1 annex B) check of a payment card number.
 */
export function luhnValid(number: string): boolean {
  const d = digitsOf(number);
  if (d.length < 13 || d.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    let n = Number(d[d.length - 1 - i]);
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

/**
 * Japan's Individual Number (My Number, 個人番号): 12 digits, the last a check digit computed as
 * in 総務省令 第85号 (平成26年) 第5条 ("行政手続における特定の個人を識別するための番号の利用等に関する法律の規定による
 * 通知カード及び個人番号カード並びに情報提供ネットワークシステムによる特定個人情報の提供等に関する省令"): with
 * Pn the n-th digit from the right excluding the check digit and Qn = n + 1 (n <= 6) or n - 5
 * (n >= 7), the check digit is 11 - (sum Pn*Qn mod 11), or 0 when that remainder is 0 or 1.
 */
export function myNumberValid(number: string): boolean {
  const d = digitsOf(number);
  if (d.length !== 12) return false;
  let sum = 0;
  for (let n = 1; n <= 11; n++) sum += Number(d[11 - n]) * (n <= 6 ? n + 1 : n - 5);
  const r = sum % 11;
  return Number(d[11]) === (r <= 1 ? 0 : 11 - r);
}

/** Validation by the `stdnum` package (python-stdnum's rules, each citing its official source). */
const std = (country: string, name: string) => (v: string) => {
  const m = (stdnum as unknown as Record<string, Record<string, { validate(v: string): { isValid: boolean } }>>)[country]?.[name];
  return !!m && m.validate(v).isValid;
};

/**
 * The detectors, most specific first (national IDs with check digits before card numbers, card
 * numbers before phone numbers). A match must stand alone: not inside a longer run of Latin
 * letters, digits or an identifier (so UUIDs and ISO timestamps are left alone); CJK text has no
 * spaces, so a number right after a CJK character still counts.
 */
const B = '(?<![\\p{Script=Latin}\\p{N}_/.:-])';
const E = '(?![\\p{Script=Latin}\\p{N}_/-]|[.,:][\\p{N}])';
const DETECTORS: Detector[] = [
  { kind: 'email', pattern: new RegExp(`${B}[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}${E}`, 'gu') },
  /** US Social Security Number, written AAA-GG-SSSS: area not 000, 666 or 9xx, group not 00, serial not 0000 (SSA, "Social Security Number Randomization"); stdnum `US.ssn`. */
  { kind: 'us-ssn', pattern: new RegExp(`${B}\\d{3}[- ]\\d{2}[- ]\\d{4}${E}`, 'gu'), valid: std('US', 'ssn') },
  /** Spain's DNI: 8 digits and the check letter TRWAGMYFPDXBNJZSQVHLCKE[n mod 23] (Real Decreto 1553/2005, Ministerio del Interior); stdnum `ES.dni`. */
  { kind: 'es-dni', pattern: new RegExp(`${B}\\d{8}[- ]?[A-Za-z]${E}`, 'gu'), valid: (v) => std('ES', 'dni')(v.replace(/[- ]/g, '').toUpperCase()) },
  /** Spain's NIE: X, Y or Z, 7 digits and the same check letter with X=0, Y=1, Z=2 (Orden INT/2058/2008); stdnum `ES.nie`. */
  { kind: 'es-nie', pattern: new RegExp(`${B}[XYZxyz][- ]?\\d{7}[- ]?[A-Za-z]${E}`, 'gu'), valid: (v) => std('ES', 'nie')(v.replace(/[- ]/g, '').toUpperCase()) },
  /** China's resident identity card number: 17 digits and an ISO 7064 MOD 11-2 check character (GB 11643-1999); stdnum `CN.ric` (also checks the birth date). */
  { kind: 'cn-resident-id', pattern: new RegExp(`${B}\\d{17}[\\dXx]${E}`, 'gu'), valid: (v) => std('CN', 'ric')(v.toUpperCase()) },
  /**
   * Korea's resident registration number YYMMDD-GNNNNNN (주민등록법 시행규칙 제2조). Numbers issued
   * since October 2020 have no check digit, so a valid birth date and any gender/century digit
   * are enough (the check digit of older numbers is not required).
   */
  { kind: 'kr-rrn', pattern: new RegExp(`${B}\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])[- ]?\\d{7}${E}`, 'gu') },
  /** France's NIR (numéro de sécurité sociale): 13 characters (2A/2B for Corsica) and the key 97 - (n mod 97) (INSEE); stdnum `FR.nir`. */
  { kind: 'fr-nir', pattern: new RegExp(`${B}[12] ?\\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\\d) ?(?:\\d{2}|2[AaBb]) ?\\d{3} ?\\d{3} ?\\d{2}${E}`, 'gu'), valid: (v) => std('FR', 'nir')(v.replace(/ /g, '').toUpperCase()) },
  /** Germany's tax identification number (Steuer-IdNr, § 139b AO): 11 digits, ISO 7064 MOD 11,10 check digit and the digit-repetition rule (BZSt); stdnum `DE.idnr`. */
  { kind: 'de-steuer-id', pattern: new RegExp(`${B}[1-9]\\d(?: ?\\d{3}){3}${E}`, 'gu'), valid: (v) => std('DE', 'idnr')(v.replace(/ /g, '')) },
  /** Brazil's CPF: 11 digits (000.000.000-00) with two mod-11 check digits (Receita Federal, IN RFB 1.548/2015); stdnum `BR.cpf`. */
  { kind: 'br-cpf', pattern: new RegExp(`${B}\\d{3}\\.?\\d{3}\\.?\\d{3}-?\\d{2}${E}`, 'gu'), valid: std('BR', 'cpf') },
  /** Payment card numbers (after the national IDs, before My Number: a 16-digit card holds 12-digit runs): 13-19 digits, optionally grouped by spaces or dashes, Luhn-checked (ISO/IEC 7812). */
  { kind: 'card', pattern: new RegExp(`${B}\\d(?:[ -]?\\d){12,18}${E}`, 'gu'), valid: luhnValid },
  /** Japan's My Number (see {@link myNumberValid}), 12 digits, optionally as 4-4-4. */
  { kind: 'jp-my-number', pattern: new RegExp(`${B}\\d{4}[- ]?\\d{4}[- ]?\\d{4}${E}`, 'gu'), valid: myNumberValid },
  /**
   * Phone numbers: international (`+` and 8-15 digits, ITU-T E.164) or national with at least 9
   * digits in groups (`03-1234-5678`, `(555) 123-4567`, `06 12 34 56 78`); dates are not phones.
   */
  {
    kind: 'phone',
    pattern: new RegExp(`${B}(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{1,5}\\)[ .-]?)?\\d{1,5}(?:[ .-]?\\d{1,5}){1,5}${E}`, 'gu'),
    valid: (v) => {
      const n = digitsOf(v).length;
      // Dates, and CPF-shaped numbers whose check digits failed, are not phone numbers.
      if (/^\d{4}-\d{2}-\d{2}$/.test(v) || /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(v) || /^\d{3}\.\d{3}\.\d{3}-\d{2}$/.test(v)) return false;
      return v.startsWith('+') ? n >= 8 && n <= 15 : n >= 9 && n <= 15 && /[ .()-]/.test(v) || (n >= 10 && n <= 11 && /^0/.test(v));
    },
  },
];

/** One redaction: what was found and where (offsets in the original text). */
export interface Finding {
  kind: PiiKind;
  start: number;
  end: number;
}

/** Finds personal data in `text` (non-overlapping, most specific detector wins). */
export function findPii(text: string): Finding[] {
  const taken: Finding[] = [];
  for (const d of DETECTORS) {
    d.pattern.lastIndex = 0;
    for (const m of text.matchAll(d.pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some((t) => start < t.end && end > t.start)) continue;
      if (d.valid && !d.valid(m[0])) continue;
      taken.push({ kind: d.kind, start, end });
    }
  }
  return taken.sort((a, b) => a.start - b.start);
}

/** Replaces personal data in `text` with `[kind]` placeholders, e.g. `call me on [phone]`. */
export function redactText(text: string): string {
  const found = findPii(text);
  if (found.length === 0) return text;
  let out = '';
  let at = 0;
  for (const f of found) {
    out += text.slice(at, f.start) + `[${f.kind}]`;
    at = f.end;
  }
  return out + text.slice(at);
}

/** Strings that are identifiers or times, never redacted inside structured data. */
const STRUCTURAL = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)$/i;

/** Redacts every string in a JSON-like value (objects, arrays), leaving UUIDs and ISO timestamps alone. */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return (STRUCTURAL.test(value) ? value : redactText(value)) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = redactDeep(v);
    return out as T;
  }
  return value;
}

/**
 * Structured details a visitor states in passing, extracted by patterns (the embedded default;
 * the LLM provider collects fields with its `collect_field` tool instead): name, case or ticket
 * number, phone, e-mail, appointment time. Pure; conservative on purpose (a wrong name in a
 * handoff package is worse than none).
 */
export type CollectedFields = Partial<Record<'name' | 'case_number' | 'phone' | 'email' | 'appointment', string>>;

const NAME_PATTERNS: RegExp[] = [
  /\bmy name is ([A-Z][\p{L}'-]+(?: [A-Z][\p{L}'-]+){0,2})/u,
  /\bI am ([A-Z][\p{L}'-]+ [A-Z][\p{L}'-]+)\b/u,
  /\bme llamo ([A-ZÁÉÍÓÚÑ][\p{L}'-]+(?: [A-ZÁÉÍÓÚÑ][\p{L}'-]+){0,2})/u,
  /\bmi nombre es ([A-ZÁÉÍÓÚÑ][\p{L}'-]+(?: [A-ZÁÉÍÓÚÑ][\p{L}'-]+){0,2})/u,
  /(?:私の名前は|わたしの名前は)\s*([\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}ー・ ]{1,12}?)(?:です|と申します|だ|。|$)/u,
  /([\p{Script=Han}\p{Script=Katakana}ー・]{1,10})と申します/u,
  /我叫\s*([\p{Script=Han}·]{1,6})/u,
  /我的名字是\s*([\p{Script=Han}·]{1,6})/u,
];

const CASE_PATTERNS: RegExp[] = [
  /\b(?:case|ticket|reference|application|receipt)(?: number| no\.?| #)?\s*(?:is\s+)?[:#]?\s*([A-Z0-9][A-Z0-9-]{3,19})\b/i,
  /(?:受付番号|整理番号|申請番号|番号)\s*[:：は]?\s*([A-Z0-9０-９-]{4,20})/u,
  /(?:número de (?:caso|expediente|solicitud|referencia))\s*(?:es\s+)?[:#]?\s*([A-Z0-9][A-Z0-9-]{3,19})/i,
  /(?:案件号|编号|受理号|单号)\s*[:：是]?\s*([A-Z0-9-]{4,20})/u,
];

const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/;
const PHONE = /(?:\+\d{1,3}[ -]?)?(?:\(?\d{2,4}\)?[ -]?){2,4}\d{3,4}\b/;
const APPOINTMENT = /\b(?:appointment|cita|予約|预约)[^.。\n]{0,30}?(\d{1,2}[:：]\d{2}|\d{1,2}\s?(?:am|pm|時|点))/iu;

/** Extracts what one visitor utterance states. */
export function extractFields(text: string): CollectedFields {
  const out: CollectedFields = {};
  for (const p of NAME_PATTERNS) {
    const m = p.exec(text);
    if (m?.[1]) {
      out.name = m[1].trim();
      break;
    }
  }
  const folded = text.normalize('NFKC'); // full-width digits and letters to ASCII
  for (const p of CASE_PATTERNS) {
    const m = p.exec(folded);
    if (m?.[1] && /\d/.test(m[1])) {
      out.case_number = m[1];
      break;
    }
  }
  const email = EMAIL.exec(text);
  if (email) out.email = email[0];
  const withoutCase = out.case_number ? folded.replace(out.case_number, '') : folded;
  const phone = PHONE.exec(withoutCase);
  if (phone && phone[0].replace(/\D/g, '').length >= 9) out.phone = phone[0].trim();
  const appt = APPOINTMENT.exec(text);
  if (appt?.[1]) out.appointment = appt[1];
  return out;
}

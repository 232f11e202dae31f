/**
 * The concept inventory of the escalation classifier's shared multilingual layer (`m:` features,
 * see `../concepts.ts`): each concept is one meaning written in the eight languages, so what the
 * model learns about "charged" from German examples also applies to a Korean visitor who says
 * 결제됐어요. Per-language forms are in `./<lang>.ts`.
 *
 * Form rules (checked by `concepts.test.ts`): Latin-script forms are matched at the start of a
 * word, as prefixes ("charg" matches charged, charges), after lowercasing and folding accents;
 * they may span words ("took my money", "zu viel"). CJK forms are matched as substrings without
 * spaces. A Latin-script form ending in `$` must end a word ("ago$" is not in "agora", "sin$" not
 * in "sinto"): every language's forms are matched on every text, for code-mixing. Forms are
 * short and common: a concept fires on any one of them.
 */
export const CONCEPTS = [
  // money and billing
  'CHARGE', // charged, billed, debited, deducted, took money from my card
  'TWICE', // twice, double, two times, duplicate
  'WRONG_AMOUNT', // wrong amount, too much, overcharged, higher than, more than I should
  'MONEY', // money, euros, dollars, yen, amount, price, fee, cost
  'BILL', // bill, invoice, receipt, statement, account statement
  'REFUND', // refund, money back, reimburse, pay back
  'NOT_RECEIVED', // never received, didn't get, hasn't arrived, still waiting, never came
  'NOT_MINE', // don't recognise, never ordered, never bought, not mine, never used
  'MACHINE', // machine, ticket machine, vending machine, ATM, terminal (the device, not the assistant)
  // complaints and cancellation
  'COMPLAINT', // complain, complaint, formal complaint, grievance
  'RUDE', // rude, disrespectful, insulted, treated badly, shouted at me
  'UNACCEPTABLE', // unacceptable, outrageous, scandal, disgrace
  'CANCEL', // cancel, terminate, unsubscribe, close my account, end my contract
  // accounts
  'LOCKED', // locked out, blocked, suspended, can't log in
  'PASSWORD', // password, PIN, login, code, verification
  // legal
  'COURT', // court, judge, lawsuit, sue, trial
  'LAWYER', // lawyer, attorney, legal advice, notary
  'POLICE', // police, report a crime, officer
  'LANDLORD', // landlord, evict, eviction, lease, tenancy, rent contract
  'CONTRACT', // contract, agreement, terms, signed
  'FINE', // fine, penalty, ticket (parking fine), citation
  'RIGHTS', // my rights, discrimination, illegal, not legal
  // medical
  'MEDICINE', // medicine, medication, pills, tablets, prescription, insulin, inhaler
  'DOCTOR', // doctor, hospital, clinic, pharmacy, ambulance, nurse
  'ILLNESS', // sick, ill, pain, hurts, dizzy, fever, diabetic, pregnant, heart, allergy
  // money trouble
  'DEBT', // debt, owe, loan, arrears, bailiff, collection agency
  'CANT_AFFORD', // can't afford, can't pay, no money, broke, lost my job
  'FRAUD', // scam, fraud, stolen card, phishing, identity theft
  // people and vulnerability
  'CHILD', // child, kid, son, daughter, baby, little boy/girl
  'ALONE', // alone, by himself/herself, on my own, nobody with
  'LOST', // lost, can't find, missing, gone
  'ELDERLY', // old, elderly, senior, grandmother, grandfather
  'DISABILITY', // wheelchair, disabled, blind, deaf, walking stick, dementia
  'CANT_UNDERSTAND', // don't understand, can't read, can't use, too complicated, confused
  // asking for a person
  'PERSON', // person, human, someone, staff, employee, clerk, agent, manager, supervisor
  'TALK', // talk, speak, see, meet, chat with
  'IN_PERSON', // in person, personally, face to face, oneself (本人, 亲自, 직접): asked of an errand ("must he come in person?") or of a talk ("I'd rather talk to someone in person"); added 2026-12-07, when "personalmente" / "persönlich" read as PERSON / TALK
  'BOT', // bot, robot, AI, machine (the assistant), automatic, computer
  'DEPARTMENT', // reception, desk, counter, office, department, customer service
  'HELP', // help, assist, support
  // frustration
  'ANGER', // angry, furious, mad, pissed off, fed up, sick of
  'AGAIN', // again, keep, still, already, every time, for the third time
  'USELESS', // useless, pointless, ridiculous, waste of time, doesn't work
  'WAITING', // waiting, hours, forever, queue for ages
  // exceptions and restricted actions
  'EXCEPTION', // exception, just this once, special case, waive, extend the deadline
  'CHANGE_RECORD', // change my record, correct my name/date of birth, delete my data
  'LATE', // late, missed the deadline, expired, overdue
  // routine framing (helps the model tell routine questions apart)
  'WHERE', // where, which way, which floor, where is
  'HOW', // how do I, how can I, what do I need
  'WHEN', // when, what time, opening hours, until when
  'THANKS', // thank you, thanks, great, perfect
  'NEGATION', // not, no, never, don't, without (kept for pairs such as NEGATION+PERSON)
  'PAST', // yesterday, last week, already, earlier, used to
] as const;

/** One concept of {@link CONCEPTS}. */
export type Concept = (typeof CONCEPTS)[number];

/** The forms of every concept in one language (an empty list is allowed but discouraged). */
export type ConceptForms = Readonly<Record<Concept, readonly string[]>>;

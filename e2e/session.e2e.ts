import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { closeContexts, startStack, type Stack } from './stack.ts';

/**
 * The main job end to end, in real Chromium with fake camera and microphone: a visitor at the
 * kiosk asks the assistant, asks for a person, waits in the queue, a worker on the console
 * sees the handoff package, accepts, and both are in a live call through the mediasoup SFU.
 */
const SHOTS = process.env.SCREENSHOTS ? join(import.meta.dirname, 'screenshots') : null;
async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** Fails the test on unexpected page errors and console errors. */
function watchErrors(page: Page, name: string, errors: string[]) {
  page.on('pageerror', (e) => errors.push(`${name} pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.text())) errors.push(`${name} console: ${m.text()}`);
  });
}

/** Polls a page's diagnostics hook until the remote video has decoded frames. */
async function framesDecoded(page: Page, hook: '__kioskMedia' | '__consoleMedia'): Promise<number> {
  let frames = 0;
  for (let i = 0; i < 120 && frames === 0; i++) {
    frames = await page.evaluate(async (h) => {
      const media = (window as unknown as Record<string, { inboundVideoStats: () => Promise<{ framesDecoded: number } | null> | null } | undefined>)[h];
      const stats = await media?.inboundVideoStats();
      return stats?.framesDecoded ?? 0;
    }, hook);
    if (frames === 0) await page.waitForTimeout(500);
  }
  return frames;
}

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterEach(({ browser }) => closeContexts(browser));
test.afterAll(async () => {
  await stack?.stop();
});

test('a visitor is handed to a remote worker on live video with the full context', async ({ browser }) => {
  const errors: string[] = [];
  const kioskCtx = await browser.newContext();
  const consoleCtx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const kiosk = await kioskCtx.newPage();
  const worker = await consoleCtx.newPage();
  watchErrors(kiosk, 'kiosk', errors);
  watchErrors(worker, 'console', errors);

  // Worker signs in and becomes available.
  await worker.goto(stack.consoleUrl);
  await worker.getByRole('textbox', { name: 'Username' }).fill('sam');
  await worker.getByRole('textbox', { name: 'Password' }).fill('harbor-demo');
  await worker.getByRole('button', { name: 'Sign in' }).click();
  await worker.getByRole('radio', { name: 'Available' }).check();
  await expect(worker.getByText('Waiting for visitors')).toBeVisible();
  await expect(worker.getByText('0 of 1 online')).toBeVisible();

  // Visitor: attract, language, consent, assistant.
  await stack.openKiosk(kiosk);
  await shot(kiosk, '01-kiosk-attract');
  // The console shows the device's status: online, robot link up, battery from the simulator.
  await expect(worker.getByText('1 of 1 online')).toBeVisible();
  const device = worker.getByRole('region', { name: 'Devices' });
  await expect(device).toContainText(/Robot link\s*Up/);
  await expect(device).toContainText(/Battery\s*\d+(\.\d)?%/);
  await shot(worker, '10-console-waiting');
  await kiosk.getByRole('button', { name: 'Touch here to start' }).click();
  await shot(kiosk, '02-kiosk-language');
  await kiosk.getByRole('button', { name: 'English' }).click();
  await expect(kiosk.getByRole('heading', { name: 'Before we start' })).toBeVisible();
  await shot(kiosk, '03-kiosk-consent');
  await kiosk.getByRole('button', { name: 'Start with the assistant' }).click();
  const question = 'What are the office hours?';
  await kiosk.getByRole('textbox', { name: 'Type your question' }).fill(question);
  await kiosk.getByRole('button', { name: 'Send' }).click();
  const kioskLog = kiosk.getByRole('log', { name: 'Conversation' });
  await expect(kioskLog).toContainText(question);
  await expect(kioskLog.locator('.bubble.assistant').last()).toContainText(/8:30/);
  await shot(kiosk, '04-kiosk-chat');

  // The always-visible control escalates; the visitor sees the queue, never a silent wait.
  await kiosk.getByRole('button', { name: 'Talk to a person' }).click();
  await expect(kiosk.getByRole('heading', { name: 'Connecting you to a staff member' })).toBeVisible();
  await expect(kiosk.getByTestId('queue-position')).toHaveText('You are number 1 in line');
  await shot(kiosk, '05-kiosk-waiting');

  // The worker sees the offer with the handoff package before accepting.
  const offer = worker.getByRole('article', { name: 'Lobby robot 1' });
  await expect(offer).toBeVisible();
  await expect(offer).toContainText('Asked for a person');
  await expect(offer.getByRole('region', { name: 'Transcript so far' })).toContainText(question);
  await shot(worker, '11-console-offer');
  await offer.getByRole('button', { name: 'Accept' }).click();

  // Live call both ways through the SFU.
  await expect(kiosk.getByText('You are talking with Sam Carter')).toBeVisible();
  const sessionId = await kiosk.locator('main[data-session-id]').getAttribute('data-session-id');
  await expect(worker.getByRole('log', { name: 'Transcript' })).toContainText(question);
  await expect.poll(() => framesDecoded(worker, '__consoleMedia'), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect.poll(() => framesDecoded(kiosk, '__kioskMedia'), { timeout: 30_000 }).toBeGreaterThan(0);

  // The worker's message appears on the kiosk; the visitor's reply on the console.
  await worker.getByRole('textbox', { name: 'Message to visitor' }).fill('Hello, I am Sam. How can I help?');
  await worker.getByRole('button', { name: 'Send' }).click();
  await expect(kiosk.getByRole('log', { name: 'Messages' })).toContainText('Hello, I am Sam. How can I help?');
  await kiosk.getByRole('textbox', { name: 'Type your question' }).fill('I need a tax certificate for my visa.');
  await kiosk.getByRole('button', { name: 'Send' }).click();
  await expect(worker.getByRole('log', { name: 'Transcript' })).toContainText('I need a tax certificate for my visa.');
  await shot(kiosk, '06-kiosk-call');
  await shot(worker, '12-console-call');

  // The worker ends with a disposition; the kiosk asks for a rating, then resets.
  await worker.getByRole('button', { name: 'End session' }).click();
  await worker.getByRole('radio', { name: 'Resolved' }).check();
  await worker.getByRole('button', { name: 'Confirm and end' }).click();
  await expect(worker.getByRole('heading', { name: 'Session ended' })).toBeVisible();
  await expect(kiosk.getByRole('heading', { name: 'How was your experience?' })).toBeVisible();
  await shot(kiosk, '07-kiosk-rating');
  await shot(worker, '13-console-ended');
  await kiosk.getByRole('button', { name: '4 out of 5' }).click();
  await expect(kiosk.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  await expect(kiosk.getByRole('button', { name: 'Touch here to start' })).toBeVisible({ timeout: 15_000 });
  await expect(kiosk.getByText(question)).toHaveCount(0); // nothing of the visitor stays on screen

  // Everything is in the database: session, transcript and handoff package.
  const login = await fetch(`${stack.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'olivia', password: 'harbor-demo' }) });
  const { token } = (await login.json()) as { token: string };
  const record = await fetchSessionRecord(stack.baseUrl, token, sessionId);
  expect(record.session).toMatchObject({ state: 'ended', disposition: 'resolved', rating: 4, workerId: 'w-sam' });
  expect(record.transcript.map((e) => e.text)).toEqual(expect.arrayContaining([question, 'Hello, I am Sam. How can I help?', 'I need a tax certificate for my visa.']));
  expect(record.handoff?.reasons[0]?.code).toBe('explicit_request');
  expect(record.handoff?.transcript.map((e) => e.text)).toContain(question);

  expect(errors).toEqual([]);
  await kioskCtx.close();
  await consoleCtx.close();
});

interface SessionRecord {
  session: Record<string, unknown>;
  transcript: { text: string }[];
  handoff: { reasons: { code: string }[]; transcript: { text: string }[] } | null;
}

async function fetchSessionRecord(baseUrl: string, token: string, sessionId: string | null): Promise<SessionRecord> {
  expect(sessionId, 'the kiosk showed the session id during the call').toMatch(/^[0-9a-f-]{36}$/);
  const res = await fetch(`${baseUrl}/api/sessions/${sessionId}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as SessionRecord;
}

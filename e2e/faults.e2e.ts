import { expect, test, type Page } from '@playwright/test';
import { closeContexts, startStack, type Stack } from './stack.ts';

/**
 * A mediasoup worker killed during a live call, in real Chromium with fake camera and
 * microphone: both screens are told to set up video again and decoded frames resume on both
 * sides (the room moves to a live worker). The orchestrator runs two media workers.
 */

/** Decoded frames of the remote video now (0 when no media session or no video yet). */
async function frames(page: Page, hook: '__kioskMedia' | '__consoleMedia'): Promise<number> {
  return page.evaluate(async (h) => {
    const media = (window as unknown as Record<string, { inboundVideoStats: () => Promise<{ framesDecoded: number } | null> | null } | undefined>)[h];
    const stats = await media?.inboundVideoStats();
    return stats?.framesDecoded ?? 0;
  }, hook);
}

/** Polls until decoded frames exceed `above` (generous: the machine may be busy). */
async function framesAbove(page: Page, hook: '__kioskMedia' | '__consoleMedia', above: number): Promise<number> {
  let n = 0;
  await expect.poll(async () => (n = await frames(page, hook)), { timeout: 60_000, intervals: [250, 500, 1000] }).toBeGreaterThan(above);
  return n;
}

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack({ MEDIA_WORKERS: '2' });
});
test.afterEach(({ browser }) => closeContexts(browser));
test.afterAll(async () => {
  await stack?.stop();
});

test('video resumes on both sides after the SFU worker of the call is killed', async ({ browser }) => {
  const kioskCtx = await browser.newContext();
  const consoleCtx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const kiosk = await kioskCtx.newPage();
  const worker = await consoleCtx.newPage();

  await worker.goto(stack.consoleUrl);
  await worker.getByRole('textbox', { name: 'Username' }).fill('sam');
  await worker.getByRole('textbox', { name: 'Password' }).fill('harbor-demo');
  await worker.getByRole('button', { name: 'Sign in' }).click();
  await worker.getByRole('radio', { name: 'Available' }).check();

  await stack.openKiosk(kiosk);
  await kiosk.getByRole('button', { name: 'Touch here to start' }).click();
  await kiosk.getByRole('button', { name: 'English' }).click();
  await kiosk.getByRole('button', { name: 'Talk to a person' }).click();
  const offer = worker.getByRole('article', { name: 'Lobby robot 1' });
  await offer.getByRole('button', { name: 'Accept' }).click();
  await expect(kiosk.getByText('You are talking with Sam Carter')).toBeVisible();
  await framesAbove(worker, '__consoleMedia', 0);
  await framesAbove(kiosk, '__kioskMedia', 0);

  // Kill the worker process hosting the call's router (its pid from the readiness report).
  const ready = (await (await fetch(`${stack.baseUrl}/api/health/ready`)).json()) as { media: { load: { pid: number | null; rooms: number }[] } };
  const hosting = ready.media.load.find((w) => w.rooms > 0);
  expect(hosting?.pid).toBeTruthy();
  const before = { kiosk: await frames(kiosk, '__kioskMedia'), worker: await frames(worker, '__consoleMedia') };
  process.kill(hosting!.pid!, 'SIGKILL');

  // Both sides rejoin by themselves: new consumers decode frames again (counts restart from 0,
  // so any new frame after the media session was replaced shows the video is back).
  await expect.poll(async () => (await frames(kiosk, '__kioskMedia')) < before.kiosk, { timeout: 30_000 }).toBe(true);
  await framesAbove(kiosk, '__kioskMedia', 0);
  await framesAbove(worker, '__consoleMedia', 0);
  const after = (await (await fetch(`${stack.baseUrl}/api/health/ready`)).json()) as { media: { workers: number; load: { pid: number | null }[] } };
  expect(after.media.load.map((w) => w.pid)).not.toContain(hosting!.pid);
  // The call is still on: a message reaches the kiosk.
  await worker.getByRole('textbox', { name: 'Message to visitor' }).fill('Can you see me again?');
  await worker.getByRole('button', { name: 'Send' }).click();
  await expect(kiosk.getByRole('log', { name: 'Messages' })).toContainText('Can you see me again?');
});

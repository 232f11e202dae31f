import { expect, test, type Browser, type Page } from '@playwright/test';
import { closeContexts, signInConsole, startStack, type Stack } from './stack.ts';

/**
 * Warm transfer with a private consult in real Chromium: Sam, in a call, warm-transfers to María
 * with "talk privately first"; when she accepts the visitor is on hold (the kiosk's hold screen,
 * and none of the staff's audio or video reaches the kiosk), the two talk privately (a private
 * chat the kiosk never shows), María joins the visitor (three-way, video flows to the kiosk
 * again), Sam leaves and wraps up, María ends the session.
 */
let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterEach(({ browser }) => closeContexts(browser));
test.afterAll(async () => {
  await stack?.stop();
});

const signIn = (browser: Browser, username: string): Promise<Page> => signInConsole(browser, stack.consoleUrl, username);

type MediaHook = {
  inboundVideoStats: () => Promise<{ framesDecoded: number } | null> | null;
  remoteTracks?: () => { audio: number; video: number };
};

/** Frames decoded of the call's inbound video on a console (`__consoleMedia`) or the kiosk (`__kioskMedia`). */
function framesDecoded(page: Page, hook: '__consoleMedia' | '__kioskMedia'): Promise<number> {
  return page.evaluate(async (name) => {
    const media = (window as unknown as Record<string, MediaHook | undefined>)[name];
    return (await media?.inboundVideoStats())?.framesDecoded ?? 0;
  }, hook);
}

/** The kiosk's live remote tracks by kind (what the visitor can hear and see of the staff). */
function kioskRemoteTracks(kiosk: Page): Promise<{ audio: number; video: number } | null> {
  return kiosk.evaluate(() => (window as unknown as { __kioskMedia?: MediaHook }).__kioskMedia?.remoteTracks?.() ?? null);
}

const shot = async (page: Page, name: string) => {
  if (process.env.SCREENSHOTS) await page.screenshot({ path: `e2e/screenshots/${name}.png` });
};

test('warm transfer with a private consult: the visitor is on hold and hears nothing, then a three-way call and handover', async ({ browser }) => {
  const sam = await signIn(browser, 'sam');
  await sam.getByRole('radio', { name: 'Available' }).check();
  const maria = await signIn(browser, 'maria');
  await expect(maria.getByRole('radio', { name: 'Away' })).toBeVisible();

  const kioskCtx = await browser.newContext();
  const kiosk = await kioskCtx.newPage();
  await stack.openKiosk(kiosk);
  await kiosk.getByRole('button', { name: 'Touch here to start' }).click();
  await kiosk.getByRole('button', { name: 'English' }).click();
  await kiosk.getByRole('button', { name: 'Start with the assistant' }).click();
  const question = 'I need a tax certificate for my visa.';
  await kiosk.getByRole('textbox', { name: 'Type your question' }).fill(question);
  await kiosk.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(kiosk.getByRole('log', { name: 'Conversation' })).toContainText(question);
  await kiosk.getByRole('button', { name: 'Talk to a person' }).click();

  // Sam takes the call; the kiosk receives his video.
  await sam.getByRole('button', { name: 'Accept', exact: true }).click({ timeout: 30_000 });
  await expect(kiosk.getByText('You are talking with Sam Carter')).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => framesDecoded(kiosk, '__kioskMedia'), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect.poll(() => framesDecoded(sam, '__consoleMedia'), { timeout: 30_000 }).toBeGreaterThan(0);
  await maria.getByRole('radio', { name: 'Available' }).check();

  // Warm transfer to María, talking privately first (the checkbox is on by default).
  await sam.getByRole('button', { name: 'Transfer', exact: true }).click();
  await sam.getByRole('radio', { name: 'To a colleague' }).check();
  await sam.getByRole('radio', { name: /María López/ }).check();
  const consultBox = sam.getByRole('checkbox', { name: 'Talk privately with María López first (the visitor is on hold)' });
  await expect(consultBox).toBeChecked();
  const note = 'Needs a tax certificate for a visa; already gave her case number';
  await sam.getByRole('textbox', { name: 'Note for your colleague' }).fill(note);
  await sam.getByRole('button', { name: 'Transfer now' }).click();

  // María sees the handoff and Sam's note before accepting, and accepts.
  await expect(maria.getByText('Transfer from Sam Carter')).toBeVisible({ timeout: 30_000 });
  await expect(maria.getByText(note)).toBeVisible();
  await maria.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(maria.getByRole('heading', { name: 'Handoff summary' })).toBeVisible();
  await expect(maria.getByRole('log', { name: 'Transcript' })).toContainText(question);

  // Both consoles show the consult; Sam's call view stays (no wrap-up), with only Leave and the private chat.
  await expect(sam.getByTestId('consult-banner')).toContainText('Private consult with María López — the visitor is on hold', { timeout: 30_000 });
  await expect(maria.getByTestId('consult-banner')).toContainText('Private consult with Sam Carter — the visitor is on hold; read the handoff and notes, then join');
  await expect(sam.getByRole('button', { name: 'Leave the call' })).toBeVisible();
  await expect(sam.getByRole('button', { name: 'End session' })).toHaveCount(0);
  await expect(sam.getByRole('button', { name: 'Transfer', exact: true })).toHaveCount(0);
  await expect(sam.getByRole('textbox', { name: 'Message to the visitor' })).toHaveCount(0);
  await expect(maria.getByRole('button', { name: 'Join the visitor' })).toBeVisible();

  // The kiosk is on hold: the calm hold screen, and nothing of the staff's audio or video.
  await expect(kiosk.getByTestId('hold-overlay')).toBeVisible({ timeout: 30_000 });
  await expect(kiosk.getByRole('heading', { name: 'Please hold' })).toBeVisible();
  await expect(kiosk.getByText('A colleague is being briefed so you do not have to repeat anything.')).toBeVisible();
  await expect.poll(() => kioskRemoteTracks(kiosk), { timeout: 30_000 }).toEqual({ audio: 0, video: 0 });
  // The two workers see each other through the room (Sam keeps receiving media, María gets it).
  await expect.poll(() => framesDecoded(maria, '__consoleMedia'), { timeout: 30_000 }).toBeGreaterThan(0);

  // Private text: both consoles, never the kiosk.
  const secret = 'She is worried about the fee, please be gentle';
  await sam.getByRole('textbox', { name: 'Private message to María López' }).fill(secret);
  await sam.getByRole('button', { name: 'Send privately' }).click();
  await expect(maria.getByRole('log', { name: 'Private messages with Sam Carter' })).toContainText(secret);
  await expect(sam.getByRole('log', { name: 'Private messages with María López' })).toContainText(secret);
  const reply = 'Thanks, I have read the notes';
  await maria.getByRole('textbox', { name: 'Private message to Sam Carter' }).fill(reply);
  await maria.keyboard.press('Enter');
  await expect(sam.getByRole('log', { name: 'Private messages with María López' })).toContainText(reply);
  await shot(kiosk, '40-kiosk-consult-hold');
  await shot(sam, '41-console-consult-from');
  await shot(maria, '42-console-consult-to');
  // Still on hold after the exchange, and not a word of it on the kiosk.
  expect(await kioskRemoteTracks(kiosk)).toEqual({ audio: 0, video: 0 });
  await expect(kiosk.locator('body')).not.toContainText(secret);
  await expect(kiosk.locator('body')).not.toContainText(reply);

  // María joins the visitor: the hold ends, the kiosk receives the workers again (three-way).
  await maria.getByRole('button', { name: 'Join the visitor' }).click();
  await expect(kiosk.getByTestId('hold-overlay')).toHaveCount(0, { timeout: 30_000 });
  await expect(kiosk.getByText('You are talking with María López')).toBeVisible({ timeout: 30_000 });
  await expect.poll(async () => (await kioskRemoteTracks(kiosk))?.audio ?? 0, { timeout: 30_000 }).toBeGreaterThan(0);
  await expect.poll(async () => (await kioskRemoteTracks(kiosk))?.video ?? 0, { timeout: 30_000 }).toBeGreaterThan(0);
  await expect.poll(() => framesDecoded(kiosk, '__kioskMedia'), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(sam.getByTestId('consult-banner')).toContainText('You are in a three-way call with the visitor');
  await expect(maria.getByTestId('consult-banner')).toContainText('Sam Carter is introducing you');
  await shot(sam, '43-console-consult-three-way-from');
  await shot(maria, '44-console-consult-three-way-to');
  await expect(kiosk.locator('body')).not.toContainText(secret);

  // Sam leaves: he wraps up; María keeps the call and ends it.
  await sam.getByRole('button', { name: 'Leave the call' }).click();
  await expect(sam.getByRole('heading', { name: 'Transferred to María López' })).toBeVisible({ timeout: 30_000 });
  await expect(maria.getByTestId('consult-banner')).toHaveCount(0, { timeout: 30_000 });
  await maria.getByRole('button', { name: 'End session' }).click();
  await maria.getByRole('radio', { name: 'Resolved' }).check();
  await maria.getByRole('button', { name: 'Confirm and end' }).click();
  await expect(maria.getByRole('heading', { name: 'Session ended' })).toBeVisible();
  await expect(kiosk.getByRole('heading', { name: 'How was your experience?' })).toBeVisible({ timeout: 30_000 });
});

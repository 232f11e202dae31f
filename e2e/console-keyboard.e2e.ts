import { expect, test, type Locator, type Page } from '@playwright/test';
import { closeContexts, startStack, type Stack } from './stack.ts';

/**
 * A whole session on the console with the keyboard only (no mouse, no programmatic focus):
 * sign in, become available, take the offer, talk, end with a disposition, sign out. Every
 * control is reached with Tab / Shift+Tab and used with Enter or Space, as a worker who cannot
 * use a mouse would. The visitor at the kiosk uses the touch screen.
 */
let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterEach(({ browser }) => closeContexts(browser));
test.afterAll(async () => {
  await stack?.stop();
});

/** Presses Tab (or Shift+Tab) until `target` has focus; fails when it is not reachable. */
async function tabTo(page: Page, target: Locator, opts: { back?: boolean; max?: number } = {}): Promise<void> {
  const max = opts.max ?? 80;
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) {
      // A keyboard user must see where focus is.
      const outline = await target.evaluate((el) => getComputedStyle(el).outlineStyle + getComputedStyle(el).boxShadow);
      expect(outline, 'focus is visible').not.toBe('nonenone');
      return;
    }
    await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`not reachable with ${opts.back ? 'Shift+Tab' : 'Tab'} in ${max} presses: ${target}`);
}

test('a worker serves a visitor from sign-in to wrap-up with the keyboard only', async ({ browser }) => {
  const errors: string[] = [];
  const consoleCtx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const kioskCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const worker = await consoleCtx.newPage();
  const kiosk = await kioskCtx.newPage();
  for (const [name, p] of [['console', worker], ['kiosk', kiosk]] as const) {
    p.on('pageerror', (e) => errors.push(`${name} pageerror: ${e.message}`));
    p.on('console', (m) => m.type() === 'error' && !/favicon/.test(m.text()) && errors.push(`${name} console: ${m.text()}`));
  }

  // Sign in.
  await worker.goto(stack.consoleUrl);
  await tabTo(worker, worker.getByRole('textbox', { name: 'Username' }));
  await worker.keyboard.type('sam');
  await tabTo(worker, worker.getByRole('textbox', { name: 'Password' }));
  await worker.keyboard.type('harbor-demo');
  await worker.keyboard.press('Enter');
  await expect(worker.getByRole('button', { name: 'Sign out' })).toBeVisible();

  // Become available (radio group: Tab in, arrow keys move the choice).
  const available = worker.getByRole('radio', { name: 'Available' });
  const away = worker.getByRole('radio', { name: 'Away' });
  const radio = (await available.isChecked()) ? available : away;
  await tabTo(worker, radio);
  if (!(await available.isChecked())) {
    await worker.keyboard.press(radio === away ? 'ArrowLeft' : 'Space');
    if (!(await available.isChecked())) await worker.keyboard.press('Space');
  }
  await expect(available).toBeChecked();
  await expect(worker.getByText('Waiting for visitors')).toBeVisible();

  // The visitor asks for a person.
  await stack.openKiosk(kiosk);
  await kiosk.getByRole('button', { name: 'Touch here to start' }).click();
  await kiosk.getByRole('button', { name: 'English' }).click();
  await kiosk.getByRole('button', { name: 'Talk to a person' }).click();
  await expect(kiosk.getByRole('heading', { name: 'Connecting you to a staff member' })).toBeVisible();

  // The offer: reach Accept with Tab (it stays in view) and press Enter.
  const offer = worker.getByRole('article', { name: 'Lobby robot 1' });
  await expect(offer).toBeVisible();
  const accept = offer.getByRole('button', { name: 'Accept' });
  await expect(accept).toBeInViewport({ ratio: 1 });
  await tabTo(worker, accept);
  await worker.keyboard.press('Enter');
  await expect(kiosk.getByText('You are talking with Sam Carter')).toBeVisible();

  // Talk: the message box is reachable; Enter sends.
  await tabTo(worker, worker.getByRole('textbox', { name: 'Message to visitor' }));
  await worker.keyboard.type('Hello, I am Sam. How can I help?');
  await worker.keyboard.press('Enter');
  await expect(kiosk.getByRole('log', { name: 'Messages' })).toContainText('Hello, I am Sam. How can I help?');
  await kiosk.getByRole('textbox', { name: 'Type your question' }).fill('I need a tax certificate.');
  await kiosk.getByRole('button', { name: 'Send' }).click();
  await expect(worker.getByRole('log', { name: 'Transcript' })).toContainText('I need a tax certificate.');

  // End with a disposition, inside the dialog with the keyboard.
  await tabTo(worker, worker.getByRole('button', { name: 'End session' }), { back: true });
  await worker.keyboard.press('Enter');
  const dialog = worker.getByRole('dialog');
  await expect(dialog).toBeVisible();
  const resolved = dialog.getByRole('radio', { name: 'Resolved' });
  await tabTo(worker, dialog.getByRole('radio').first());
  for (let i = 0; i < 8 && !(await resolved.isChecked()); i++) {
    if (await resolved.evaluate((el) => el === document.activeElement)) await worker.keyboard.press('Space');
    else await worker.keyboard.press('ArrowDown');
  }
  await expect(resolved).toBeChecked();
  await tabTo(worker, dialog.getByRole('button', { name: 'Confirm and end' }));
  await worker.keyboard.press('Enter');
  await expect(worker.getByRole('heading', { name: 'Session ended' })).toBeVisible();
  await expect(kiosk.getByRole('heading', { name: 'How was your experience?' })).toBeVisible();

  // Sign out.
  await tabTo(worker, worker.getByRole('button', { name: 'Sign out' }), { back: true });
  await worker.keyboard.press('Enter');
  await expect(worker.getByRole('textbox', { name: 'Username' })).toBeVisible();

  expect(errors).toEqual([]);
  await consoleCtx.close();
  await kioskCtx.close();
});

import { expect, test } from '@playwright/test';
import { closeContexts, startStack, type Stack } from './stack.ts';

/**
 * Device enrolment in real Chromium: the one-time enrolment URL the start script prints enrols
 * the kiosk (credential kept in the kiosk origin's localStorage, the code gone from the address
 * bar); the same URL a second time shows the enrolment screen with the reason.
 */
let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterEach(({ browser }) => closeContexts(browser));
test.afterAll(async () => stack?.stop());

test('the one-time enrolment URL enrols the kiosk once', async ({ browser }) => {
  const first = await browser.newContext();
  const page = await first.newPage();
  await page.goto(stack.enrolUrl);
  await expect(page.getByRole('button', { name: 'Touch here to start' })).toBeVisible({ timeout: 20_000 });
  expect(page.url()).not.toContain('enrol=');
  const stored = await page.evaluate(() => window.localStorage.getItem('telekiosk.kiosk.credential'));
  expect(JSON.parse(stored!)).toMatchObject({ deviceId: 'lobby-1', deviceToken: expect.any(String) });
  await first.close();

  const second = await browser.newContext();
  const again = await second.newPage();
  await again.goto(stack.enrolUrl);
  await expect(again.getByRole('heading', { name: 'Set up this kiosk' })).toBeVisible();
  await expect(again.getByRole('alert')).toContainText('not valid');
  await expect(again.getByRole('textbox', { name: 'Enrolment code' })).toBeVisible();
  await second.close();
});

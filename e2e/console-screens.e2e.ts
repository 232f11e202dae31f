import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { layoutProblems, seriousViolations, startHarness, type Harness } from './harness.ts';

/**
 * Every console screen (fixture states of the real components) in all 8 languages at 1366x768
 * (the smallest supported) and in English at 1920x1080: no control outside the viewport
 * (controls in a scrolling list count when the list is on screen), no clipped text; axe-core
 * WCAG 2.2 A/AA with no serious or critical violation on every screen and dialog; the offer's
 * Accept and Decline always visible. With SCREENSHOTS=1 (`npm run screenshots`) a screenshot of
 * each (e2e/screenshots/console/, not committed).
 */
const LANGS = ['en', 'ja', 'es', 'zh', 'ko', 'fr', 'de', 'pt'] as const;
const SHOTS = resolve(import.meta.dirname, 'screenshots', 'console');
const SCREENSHOTS = !!process.env.SCREENSHOTS;
if (SCREENSHOTS) mkdirSync(SHOTS, { recursive: true });

let harness: Harness;
test.beforeAll(async () => {
  harness = await startHarness('remote-console', '/console/src/harness/index.html');
});
test.afterAll(async () => {
  await harness?.close();
});

async function open(page: Page, errors: string[]): Promise<string[]> {
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  await page.goto(`${harness.url}?fixture=login&lang=en`);
  await page.waitForFunction(() => !!window.__harness);
  return page.evaluate(() => [...window.__harness!.fixtures]);
}

async function show(page: Page, fixture: string, lang: string) {
  await page.evaluate(([f, l]) => window.__harness!.show(f!, l!), [fixture, lang]);
  await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))));
}

for (const viewport of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
  const langs = viewport.width === 1366 ? LANGS : (['en'] as const);
  test(`console screens fit at ${viewport.width}x${viewport.height} in ${langs.length === 1 ? 'English' : 'all 8 languages'}`, async ({ browser }) => {
    // Every console screen x 8 languages: minutes on a busy 2-core machine, more with screenshots.
    test.setTimeout(SCREENSHOTS ? 600_000 : 360_000);
    const ctx = await browser.newContext({ viewport, reducedMotion: 'reduce' });
    const page = await ctx.newPage();
    const errors: string[] = [];
    const fixtures = await open(page, errors);
    const problems: string[] = [];
    for (const lang of langs) {
      const dir = join(SHOTS, `${viewport.width}x${viewport.height}`, lang);
      if (SCREENSHOTS) mkdirSync(dir, { recursive: true });
      for (const f of fixtures) {
        await show(page, f, lang);
        for (const p of await layoutProblems(page, { allowScrolledControls: true })) problems.push(`${lang} ${f}: ${p}`);
        if (SCREENSHOTS) await page.screenshot({ path: join(dir, `${f}.png`) });
      }
    }
    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();
  });
}

test('console screens and dialogs pass axe WCAG 2.2 A/AA', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await ctx.newPage();
  const errors: string[] = [];
  const fixtures = await open(page, errors);
  const violations: string[] = [];
  for (const f of fixtures) {
    await show(page, f, 'en');
    for (const v of await seriousViolations(page)) violations.push(`${f}: ${v}`);
  }
  // The call's dialogs.
  for (const [button, dialog] of [['Transfer', 'Transfer'], ['Hand back to assistant', 'Hand back'], ['End session', 'End session']] as const) {
    await show(page, 'call', 'en');
    await page.getByRole('button', { name: button, exact: true }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    for (const v of await seriousViolations(page)) violations.push(`call ${dialog} dialog: ${v}`);
    for (const p of await layoutProblems(page, { allowScrolledControls: true })) violations.push(`call ${dialog} dialog: ${p}`);
    if (SCREENSHOTS) await page.screenshot({ path: join(SHOTS, `dialog-${dialog.replace(/\s+/g, '-').toLowerCase()}.png`) });
  }
  // The fleet's "Revoke credential" confirmation.
  await show(page, 'fleet-enrolment', 'en');
  await page.getByRole('button', { name: 'Revoke credential', exact: true }).first().click();
  await expect(page.getByRole('dialog')).toBeVisible();
  for (const v of await seriousViolations(page)) violations.push(`fleet revoke dialog: ${v}`);
  for (const p of await layoutProblems(page, { allowScrolledControls: true })) violations.push(`fleet revoke dialog: ${p}`);
  if (SCREENSHOTS) await page.screenshot({ path: join(SHOTS, 'dialog-revoke-credential.png') });
  expect(violations).toEqual([]);
  expect(errors).toEqual([]);
  await ctx.close();
});

test('an offer keeps Accept and Decline in view whatever the transcript, and an emergency offer is flagged', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await ctx.newPage();
  const errors: string[] = [];
  await open(page, errors);
  for (const lang of ['en', 'de'] as const) {
    await show(page, 'desk-offer-long', lang);
    const actions = page.locator('.offer-actions').first();
    await expect(actions.getByRole('button').first()).toBeInViewport({ ratio: 1 });
    await expect(actions.getByRole('button').nth(1)).toBeInViewport({ ratio: 1 });
  }
  await show(page, 'desk-offer-long', 'en');
  await expect(page.getByRole('button', { name: 'Accept' })).toBeInViewport({ ratio: 1 });
  await expect(page.locator('.countdown').first()).toBeInViewport({ ratio: 1 });
  // The Desk badge counts what the offers list counts.
  await expect(page.getByRole('tab', { name: /Desk/ }).locator('.tab-badge')).toHaveText('1');
  await expect(page.getByText('1 waiting')).toBeVisible();
  await show(page, 'desk-offers-emergency', 'en');
  await expect(page.getByTestId('offer-emergency')).toHaveCount(1);
  await expect(page.getByTestId('offer-translation').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Accept' }).first()).toBeInViewport({ ratio: 1 });
  await show(page, 'desk-away-missed', 'en');
  await expect(page.getByTestId('away-missed-offer')).toBeVisible();
  await expect(page.getByTestId('away-missed-offer').getByRole('button')).toHaveCount(1);
  await show(page, 'fleet-safety', 'en');
  await expect(page.getByTestId('map-safety')).toContainText('Lobby robot 1');
  await expect(page.getByTestId('map-safety')).toBeInViewport();
  expect(errors).toEqual([]);
  await ctx.close();
});

test('the call view gives the transcript the height it needs', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await ctx.newPage();
  const errors: string[] = [];
  await open(page, errors);
  await show(page, 'call', 'en');
  const box = await page.getByRole('log', { name: 'Transcript' }).boundingBox();
  // Was about 126 px at 1440x900 (two short messages); now most of the side column.
  expect(box!.height).toBeGreaterThanOrEqual(300);
  if (SCREENSHOTS) await page.screenshot({ path: join(SHOTS, 'call-1440x900.png') });
  expect(errors).toEqual([]);
  await ctx.close();
});

test('the video area says when the visitor video is connecting and when it reconnects after a media restart', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await ctx.newPage();
  const errors: string[] = [];
  await open(page, errors);
  const status = page.getByTestId('call-video-status');
  await show(page, 'call', 'en'); // no picture yet
  await expect(status).toHaveRole('status');
  await expect(status).toHaveText("Waiting for the visitor's video…");
  await show(page, 'call-video-reconnecting', 'en'); // the picture played, then the media restarted
  await expect(status).toContainText('Reconnecting video…');
  await expect(status).toContainText('The call goes on: your messages still reach the visitor.');
  await expect(page.getByText('The service is busy or briefly unavailable; try again in a moment.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Message to visitor' })).toBeEnabled();
  await show(page, 'call-video-reconnecting', 'ja');
  await expect(status).toContainText('映像を再接続しています…');
  expect(errors).toEqual([]);
  await ctx.close();
});

test('the enrolment panel shows the one-time code, its expiry, the URL and its QR code; "Add a kiosk" names each field\'s problem; revoking asks first', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await ctx.newPage();
  const errors: string[] = [];
  await open(page, errors);
  await show(page, 'fleet-enrolment', 'en');
  const panel = page.getByRole('region', { name: 'Hall kiosk 2 was added: enrol it now' });
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('enrolment-code')).toHaveText('K7QF-9MZ2-XA4P');
  expect(await panel.getByTestId('enrolment-code').evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/mono/i);
  await expect(panel.getByTestId('enrolment-url')).toHaveText(/\/kiosk\/#enrol=K7QF-9MZ2-XA4P$/);
  await expect(panel.getByText('Valid until')).toBeVisible();
  await expect(panel.getByRole('img', { name: 'QR code of the enrolment URL for Hall kiosk 2' })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Hide code' })).toBeVisible();
  // The card of the kiosk that could not be rotated says why.
  await expect(page.getByRole('listitem', { name: 'Second floor robot' }).getByRole('status')).toContainText('not connected');
  await expect(page.getByRole('group', { name: 'Credential Second floor robot' }).getByRole('button')).toHaveText(['New enrolment code', 'Rotate credential', 'Revoke credential']);

  // "Add a kiosk": the refusal for an existing id is on the id field; empty fields each say so.
  const form = page.getByRole('form', { name: 'Add a kiosk' });
  await expect(form.getByRole('textbox', { name: 'Kiosk ID' })).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('Kiosk ID: a kiosk with this ID exists already.', { exact: false })).toBeVisible();
  await form.getByRole('button', { name: 'Add kiosk' }).click();
  await expect(form.getByRole('textbox', { name: 'Kiosk ID' })).toBeFocused();
  await expect(form.getByRole('textbox', { name: 'Kiosk ID' })).toHaveAccessibleDescription('Kiosk ID: enter an ID for the new kiosk.');
  await expect(form.getByRole('textbox', { name: 'Kiosk name' })).toHaveAccessibleDescription('Kiosk name: enter a name.');
  await expect(form.getByRole('textbox', { name: 'Location' })).toHaveAccessibleDescription('Location: enter where the kiosk stands.');
  await form.getByRole('textbox', { name: 'Kiosk ID' }).fill('hall 3');
  await form.getByRole('textbox', { name: 'Kiosk name' }).fill('Hall kiosk 3');
  await form.getByRole('textbox', { name: 'Location' }).fill('Hall C');
  await form.getByRole('button', { name: 'Add kiosk' }).click();
  await expect(form.getByRole('textbox', { name: 'Kiosk ID' })).toHaveAccessibleDescription(/^Kiosk ID: use only letters/);
  await expect(form.getByRole('textbox', { name: 'Kiosk name' })).not.toHaveAttribute('aria-invalid');
  for (const p of await layoutProblems(page, { allowScrolledControls: true })) errors.push(`fleet-enrolment after validation: ${p}`);

  // Revoking asks first (Cancel has the focus, Escape closes without revoking).
  await page.getByRole('group', { name: 'Credential Lobby robot 1' }).getByRole('button', { name: 'Revoke credential' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke the credential of Lobby robot 1?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await show(page, 'fleet-enrolment', 'ja');
  await expect(page.getByRole('region', { name: 'Hall kiosk 2 を追加しました。今すぐ登録してください' })).toBeVisible();
  expect(errors).toEqual([]);
  await ctx.close();
});

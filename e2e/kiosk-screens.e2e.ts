import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { layoutProblems, seriousViolations, startHarness, type Harness } from './harness.ts';

/**
 * Every kiosk screen (fixture states of the real components) in all 8 languages at 1280x800
 * landscape and 800x1280 portrait, and in large-text mode: no control outside the viewport, no
 * clipped or overflowing text (always checked); axe-core WCAG 2.2 A/AA with no serious or
 * critical violation on every screen. With SCREENSHOTS=1 (`npm run screenshots`) a screenshot of
 * each (e2e/screenshots/kiosk/, not committed): about 0.2 s a screen, a third of this file's run.
 */
const LANGS = ['en', 'ja', 'es', 'zh', 'ko', 'fr', 'de', 'pt'] as const;
const VIEWPORTS = { landscape: { width: 1280, height: 800 }, portrait: { width: 800, height: 1280 } } as const;
const SHOTS = resolve(import.meta.dirname, 'screenshots', 'kiosk');
const SCREENSHOTS = !!process.env.SCREENSHOTS;
if (SCREENSHOTS) mkdirSync(SHOTS, { recursive: true });

let harness: Harness;
test.beforeAll(async () => {
  harness = await startHarness('kiosk', '/kiosk/src/renderer/harness/index.html');
});
test.afterAll(async () => {
  await harness?.close();
});

async function open(page: Page, errors: string[]): Promise<string[]> {
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  await page.goto(`${harness.url}?fixture=attract&lang=en`);
  await page.waitForFunction(() => !!window.__harness);
  return page.evaluate(() => [...window.__harness!.fixtures]);
}

async function show(page: Page, fixture: string, lang: string) {
  await page.evaluate(([f, l]) => window.__harness!.show(f!, l!), [fixture, lang]);
  // Fonts and the new language's layout settle before measuring.
  await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))));
}

for (const [orientation, viewport] of Object.entries(VIEWPORTS)) {
  test(`kiosk screens fit at ${viewport.width}x${viewport.height} (${orientation}) in all 8 languages`, async ({ browser }) => {
    // Every screen x 8 languages (+ large text): minutes on a busy 2-core machine, more with screenshots.
    test.setTimeout(SCREENSHOTS ? 900_000 : 480_000);
    const ctx = await browser.newContext({ viewport, reducedMotion: 'reduce' });
    const page = await ctx.newPage();
    const errors: string[] = [];
    const fixtures = await open(page, errors);
    const problems: string[] = [];
    for (const lang of LANGS) {
      if (SCREENSHOTS) mkdirSync(join(SHOTS, orientation, lang), { recursive: true });
      for (const f of fixtures) {
        await show(page, f, lang);
        for (const p of await layoutProblems(page)) problems.push(`${orientation} ${lang} ${f}: ${p}`);
        if (SCREENSHOTS) await page.screenshot({ path: join(SHOTS, orientation, lang, `${f}.png`) });
        // Large text and high contrast (the toggle is on every screen but attract), in English.
        const toggle = page.getByRole('button', { name: 'Large text' });
        if (lang === 'en' && (await toggle.count())) {
          await toggle.click();
          for (const p of await layoutProblems(page)) problems.push(`${orientation} large text ${f}: ${p}`);
          if (SCREENSHOTS) await page.screenshot({ path: join(SHOTS, orientation, `large-${f}.png`) });
        }
      }
    }
    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();
  });
}

/**
 * Accessibility scans of every screen in landscape, normal and large text (the rules do not
 * depend on orientation; both orientations' layouts are checked above).
 */
test('kiosk screens pass axe WCAG 2.2 A/AA, normal and large text', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: VIEWPORTS.landscape });
  const page = await ctx.newPage();
  const errors: string[] = [];
  const fixtures = await open(page, errors);
  const violations: string[] = [];
  for (const f of fixtures) {
    await show(page, f, 'en');
    for (const v of await seriousViolations(page)) violations.push(`${f}: ${v}`);
    const toggle = page.getByRole('button', { name: 'Large text' });
    if (await toggle.count()) {
      await toggle.click();
      await expect(toggle).toHaveAttribute('aria-pressed', 'true');
      for (const v of await seriousViolations(page)) violations.push(`${f} (large text): ${v}`);
    }
  }
  expect(violations).toEqual([]);
  expect(errors).toEqual([]);
  await ctx.close();
});

test('the visitor changes language mid-session from the status bar, and the dialog is keyboard-usable', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: VIEWPORTS.landscape });
  const page = await ctx.newPage();
  const errors: string[] = [];
  await open(page, errors);
  for (const f of ['chat', 'waiting-busy', 'call', 'emergency']) {
    await show(page, f, 'en');
    await page.getByRole('button', { name: 'Change language: English' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change language' });
    await expect(dialog.getByRole('button')).toHaveCount(9);
    expect(await seriousViolations(page)).toEqual([]);
    for (const p of await layoutProblems(page)) throw new Error(`${f} language dialog: ${p}`);
    await dialog.getByRole('button', { name: 'Deutsch' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page.getByRole('button', { name: 'Sprache ändern: Deutsch' })).toBeFocused();
    // Escape closes without changing.
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  }
  if (SCREENSHOTS) await page.screenshot({ path: join(SHOTS, 'language-switched.png') });
  expect(errors).toEqual([]);
  await ctx.close();
});

test('waiting shows exactly one state, and tells the visitor when the estimate changes', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: VIEWPORTS.landscape });
  const page = await ctx.newPage();
  const errors: string[] = [];
  await open(page, errors);
  await show(page, 'waiting-busy', 'en');
  await expect(page.getByTestId('wait-estimate')).toHaveText('Estimated wait: 3–7 min');
  await expect(page.getByText('No staff member is on duty')).toHaveCount(0);
  await show(page, 'waiting-busy-changed', 'en');
  await expect(page.getByTestId('estimate-change')).toHaveText('Update: the wait will be longer than we said.');
  await show(page, 'waiting-unknown', 'en');
  await expect(page.getByTestId('wait-estimate')).toHaveText('We are still working out how long the wait will be.');
  await expect(page.getByText(/min/)).toHaveCount(0);
  await show(page, 'no-staff', 'en');
  await expect(page.getByRole('heading', { name: 'No staff member is on duty right now' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Your name' })).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole('button', { name: 'Cancel and leave' })).toBeInViewport({ ratio: 1 });
  await expect(page.getByText(/Estimated wait|busy/)).toHaveCount(0);
  await show(page, 'emergency', 'en');
  await expect(page.getByTestId('emergency-title')).toHaveText('Staff have been alerted');
  await expect(page.getByTestId('emergency-number')).toHaveText('If a life is in danger, call 112 now.');
  await expect(page.getByText(/Estimated wait|call back|in line/)).toHaveCount(0);
  await show(page, 'emergency-acknowledged', 'en');
  await expect(page.getByTestId('emergency-title')).toHaveText('Someone is coming to you now');
  expect(errors).toEqual([]);
  await ctx.close();
});

test('call screen: the worker video fills the stage (cover), captions are large, robot stop only with a connected base', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: VIEWPORTS.landscape });
  const page = await ctx.newPage();
  const errors: string[] = [];
  await open(page, errors);
  await show(page, 'call', 'en');
  const video = page.getByLabel("Staff member's camera");
  const stage = await page.locator('.stage').boundingBox();
  const v = await video.boundingBox();
  expect(v && stage && v.width * v.height >= 0.99 * stage.width * stage.height).toBe(true);
  expect(stage!.height).toBeGreaterThan(0.6 * 800);
  expect(await video.evaluate((e) => getComputedStyle(e).objectFit)).toBe('cover');
  const captionPx = await page.locator('.caption .text').last().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  expect(captionPx).toBeGreaterThanOrEqual(32);
  await expect(page.getByRole('button', { name: 'Stop robot' })).toBeVisible();
  await show(page, 'chat-error', 'en'); // no robot base configured
  await expect(page.getByRole('button', { name: 'Stop robot' })).toHaveCount(0);
  expect(errors).toEqual([]);
  await ctx.close();
});

test('connection trouble is said in words: reconnecting video, messages waiting, opened elsewhere, very busy', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: VIEWPORTS.landscape });
  const page = await ctx.newPage();
  const errors: string[] = [];
  await open(page, errors);
  const videoStatus = page.getByTestId('video-status');
  // Video playing: the status region is there (for announcements) but says nothing.
  await show(page, 'call', 'en');
  await expect(videoStatus).toHaveRole('status');
  await expect(videoStatus).toHaveText('');
  // SFU worker lost: large words over the whole video area, the captions and the input still usable.
  await show(page, 'call-reconnecting', 'en');
  await expect(videoStatus).toContainText('Reconnecting video…');
  await expect(videoStatus).toContainText('The staff member is still with you.');
  const stage = (await page.locator('.stage').boundingBox())!;
  const cover = (await videoStatus.boundingBox())!;
  expect(cover.width * cover.height).toBeGreaterThanOrEqual(0.99 * stage.width * stage.height);
  expect(parseFloat(await page.locator('.stage-status-title').evaluate((e) => getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(40);
  await expect(page.getByRole('log', { name: 'Messages' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Type your question' })).toBeEnabled();
  await show(page, 'call-reconnecting', 'de');
  await expect(videoStatus).toContainText('Video wird neu verbunden…');
  // Typed while offline: a note by the input says it will go out, on the call and waiting screens.
  for (const f of ['call-offline-pending', 'waiting-pending']) {
    await show(page, f, 'en');
    await expect(page.getByTestId('pending-messages')).toHaveText('What you typed will be sent when the connection is back.');
    await expect(page.getByTestId('pending-messages')).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole('alert').filter({ hasText: 'Connection lost' })).toBeVisible();
  }
  await show(page, 'call', 'en');
  await expect(page.getByTestId('pending-messages')).toHaveText('');
  // Another window took the device over: one screen that says so, no call and no language menu.
  await show(page, 'replaced', 'ja');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('この端末は別の場所で開かれました');
  await expect(page.getByTestId('replaced')).toContainText('This kiosk was opened somewhere else');
  await expect(page.getByTestId('replaced')).toContainText('Dieses Terminal wurde an anderer Stelle geöffnet');
  await expect(page.getByRole('textbox')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /言語/ })).toHaveCount(0);
  // Above capacity: a kind, plain message where the visitor started.
  await show(page, 'consent-busy', 'en');
  await expect(page.getByRole('alert')).toHaveText('We are very busy right now. Please try again in a moment.');
  expect(errors).toEqual([]);
  await ctx.close();
});

test('hands-free speech loads the Silero VAD and ONNX Runtime from the kiosk itself, never a CDN', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: VIEWPORTS.landscape, permissions: ['microphone'] });
  const page = await ctx.newPage();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const warnings: string[] = [];
  const logs: string[] = [];
  page.on('console', (m) => (m.type() === 'warning' ? warnings : logs).push(m.text()));
  await page.goto(`${harness.url}?fixture=call-voice&lang=en&voice`);
  await page.getByRole('button', { name: 'Just speak' }).click();
  await expect(page.getByRole('button', { name: 'Listening: just speak' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => requests.filter((u) => /\/vad\/(silero_vad_v5\.onnx|ort-wasm-simd-threaded\.wasm)$/.test(u)).length, { timeout: 30_000 }).toBe(2);
  await expect.poll(() => logs.some((l) => /started micVAD/.test(l)), { timeout: 30_000 }).toBe(true);
  // Loaded: still listening (a failure would hide the control and fall back to push-to-talk).
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('button', { name: /Listening: just speak|I hear you/ })).toBeVisible();
  expect(warnings.filter((w) => /voice activity detection unavailable/.test(w))).toEqual([]);
  const origin = new URL(harness.url).origin;
  expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
  await ctx.close();
});

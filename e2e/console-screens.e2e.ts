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

/** Controls smaller than 44x44 CSS px (a checkbox counts by its label row). */
async function smallTargets(page: Page, scope = 'main'): Promise<string[]> {
  return page.evaluate((sel) => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(`${sel} :is(button, select, input, textarea, a[href], [role="tab"])`)) {
      if (!el.checkVisibility() || el.closest('.sr-only')) continue;
      const target = (el as HTMLInputElement).type === 'checkbox' || (el as HTMLInputElement).type === 'radio' ? (el.closest('label') ?? el) : el;
      const r = target.getBoundingClientRect();
      if (r.height < 43.5 || r.width < 43.5) out.push(`${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
    return out;
  }, scope);
}

test('the wrap-up verdict takes one choice and Send; wrong answers and a missing package open their details', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await ctx.newPage();
  const errors: string[] = [];
  await open(page, errors);
  await show(page, 'desk-wrapup-verdict', 'en');
  const form = page.getByRole('form', { name: 'Your verdict on this handoff' });
  const escalation = form.getByRole('group', { name: 'Was the handoff right?' });
  await expect(escalation.getByRole('button')).toHaveText(['Right', 'Should have been earlier', 'Unnecessary']);
  for (const b of await escalation.getByRole('button').all()) await expect(b).toHaveAttribute('aria-pressed', 'false');
  await expect(form.getByRole('group', { name: "Were the AI's answers right?" }).getByRole('button', { name: 'No answers' })).toHaveAttribute('aria-pressed', 'true');
  await expect(form.getByRole('group', { name: 'Was the handoff package enough?' }).getByRole('button', { name: 'Enough' })).toHaveAttribute('aria-pressed', 'true');
  // Send without the one required answer: said plainly, focus on the question.
  await form.getByRole('button', { name: 'Send verdict' }).click();
  await expect(form.getByRole('alert')).toHaveText('Choose whether the handoff was right, then send.');
  await expect(escalation.getByRole('button', { name: 'Right' })).toBeFocused();
  await escalation.getByRole('button', { name: 'Should have been earlier' }).click();
  await expect(escalation.getByRole('button', { name: 'Should have been earlier' })).toHaveAttribute('aria-pressed', 'true');
  await form.getByRole('button', { name: 'Wrong' }).click();
  const lines = form.getByRole('group', { name: 'Tick the answers that were wrong' });
  await expect(lines.getByRole('checkbox')).toHaveCount(6);
  await lines.getByRole('checkbox').nth(1).check();
  await form.getByRole('button', { name: 'Missing something' }).click();
  await form.getByRole('textbox', { name: 'What was missing? (optional)' }).fill('Whether the employer needs the certificate by Friday');
  for (const p of await layoutProblems(page, { allowScrolledControls: true })) errors.push(`verdict expanded: ${p}`);
  for (const v of await seriousViolations(page)) errors.push(`verdict expanded: ${v}`);
  for (const s of await smallTargets(page, '.wrapup')) errors.push(`verdict expanded, small target: ${s}`);
  if (SCREENSHOTS) await page.screenshot({ path: join(SHOTS, 'wrapup-verdict-expanded.png'), fullPage: true });
  await form.getByRole('button', { name: 'Send verdict' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Thank you: your verdict was saved.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Change verdict' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your verdict on this handoff' })).toBeFocused();
  if (SCREENSHOTS) await page.screenshot({ path: join(SHOTS, 'wrapup-verdict-sent.png'), fullPage: true });
  // Keyboard: the toggles are buttons (Tab, then Enter or Space).
  await show(page, 'desk-wrapup-verdict', 'en');
  await page.getByRole('button', { name: 'Should have been earlier' }).focus();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Should have been earlier' })).toHaveAttribute('aria-pressed', 'true');
  expect(errors).toEqual([]);
  await ctx.close();
});

test('the knowledge editor shows every language side by side with missing and stale ones marked; actions follow the status', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await ctx.newPage();
  const errors: string[] = [];
  await open(page, errors);
  await show(page, 'knowledge-editor', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Knowledge base' })).toBeVisible();
  await expect(page.getByRole('tablist')).toHaveCount(0);
  await expect(page.getByText('Your status:')).toHaveCount(0);
  const editor = page.getByRole('region', { name: 'Residence certificate (jūminhyō) (residence-certificate)' });
  const langs = editor.getByRole('group');
  await expect(langs).toHaveCount(8);
  await expect(langs.first()).toContainText('English (en)');
  await expect(langs.first()).toContainText('Source language');
  await expect(editor.getByRole('group', { name: /French \(fr\)/ })).toContainText('Stale: the English text changed after this translation.');
  await expect(editor.getByRole('group', { name: /Portuguese \(pt\)/ })).toContainText('Missing: not translated yet.');
  // Example questions in visitors' words, one per line, with their hint.
  const questions = editor.getByRole('textbox', { name: 'Questions visitors ask (one per line, optional) (English)' });
  await expect(questions).toHaveValue(/^My bank wants proof of address, where do I get it\?\nhow much is one copy now\n/);
  await expect(questions).toHaveAccessibleDescription(/The assistant also searches these/);
  // Draft v4 with nothing changed: Submit and Publish; saving needs an edit.
  await expect(editor.getByRole('button', { name: 'Save draft' })).toBeDisabled();
  await expect(editor.getByRole('button', { name: 'Submit for review' })).toBeEnabled();
  await expect(editor.getByRole('button', { name: 'Publish' })).toBeEnabled();
  await expect(editor.getByRole('button', { name: 'Retire' })).toBeEnabled();
  await editor.getByRole('textbox', { name: 'Answer (Portuguese)' }).fill('Você pode tirar uma cópia no Guichê 2.');
  await expect(editor.getByRole('button', { name: 'Save draft' })).toBeEnabled();
  await expect(editor.getByRole('button', { name: 'Publish' })).toBeDisabled();
  await expect(editor.getByText('Save your changes before you submit or publish.')).toBeVisible();
  // A partly written language is named before anything is sent.
  await editor.getByRole('button', { name: 'Save draft' }).click();
  await expect(editor.getByRole('alert')).toContainText('Complete or clear: Portuguese.');
  await expect(editor.getByRole('textbox', { name: 'Title (Portuguese)' })).toBeFocused();
  await expect(editor.getByRole('table')).toContainText('v4');
  for (const p of await layoutProblems(page, { allowScrolledControls: true })) errors.push(`knowledge editor, problems shown: ${p}`);
  for (const s of await smallTargets(page)) errors.push(`knowledge editor, small target: ${s}`);
  if (SCREENSHOTS) await page.screenshot({ path: join(SHOTS, 'knowledge-editor-problems.png'), fullPage: true });
  // Closing the editor returns to the list, the focus to the article's row.
  await editor.getByRole('button', { name: 'Close article' }).click();
  await expect(page.getByRole('button', { name: /^Residence certificate/ })).toBeFocused();
  // The list's translation badges (text, not colour alone).
  const list = page.getByRole('region', { name: 'Articles' });
  await expect(list.getByRole('list', { name: 'Translations of residence-certificate' })).toContainText('pt missing');
  // New article: a kebab-case id.
  await list.getByRole('button', { name: 'New article' }).click();
  const idBox = page.getByRole('form', { name: 'New article' }).getByRole('textbox', { name: 'Article ID' });
  await expect(idBox).toBeFocused();
  await idBox.fill('Bicycle Parking');
  await page.getByRole('button', { name: 'Start editing' }).click();
  await expect(idBox).toHaveAttribute('aria-invalid', 'true');
  // A knowledge gap into a draft: asks for the id (suggested from an English question).
  await page.getByRole('button', { name: /^Create draft from “Where can I park my bicycle\?”/ }).click();
  await expect(page.getByRole('form', { name: 'Draft an article from this gap' }).getByRole('textbox', { name: 'Article ID' })).toHaveValue('where-can-i-park-my');
  for (const p of await layoutProblems(page, { allowScrolledControls: true })) errors.push(`knowledge forms open: ${p}`);
  for (const v of await seriousViolations(page)) errors.push(`knowledge forms open: ${v}`);
  for (const s of await smallTargets(page)) errors.push(`knowledge list, small target: ${s}`);
  if (SCREENSHOTS) await page.screenshot({ path: join(SHOTS, 'knowledge-forms-open.png'), fullPage: true });
  // Supervisors read: no actions, read-only fields.
  await show(page, 'knowledge-readonly', 'en');
  await expect(page.getByRole('tab', { name: 'Knowledge' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('button', { name: 'Save draft' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Publish' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Import file' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Create draft/ })).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Answer (English)' })).toHaveAttribute('readonly', '');
  expect(errors).toEqual([]);
  await ctx.close();
});

test('the review screen labels turns with pressed buttons and shows the worker verdict', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await ctx.newPage();
  const errors: string[] = [];
  await open(page, errors);
  await show(page, 'review', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Conversation review' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Export labels (JSONL)' })).toBeVisible();
  const turns = page.getByRole('list', { name: 'Turns' }).getByRole('listitem');
  await expect(turns).toHaveCount(8);
  const first = page.getByRole('group', { name: 'Label of turn 1 (AI assistant)' });
  await expect(first.getByRole('button')).toHaveText(['Correct', 'Wrong answer', 'Knowledge gap']);
  await expect(first.getByRole('button', { name: 'Correct' })).toHaveAttribute('aria-pressed', 'true');
  const visitor = page.getByRole('group', { name: 'Label of turn 6 (Visitor)' });
  await expect(visitor.getByRole('button', { name: 'Should escalate' })).toHaveAttribute('aria-pressed', 'false');
  await expect(visitor.getByRole('combobox', { name: 'Reason' })).toHaveValue('explicit_request');
  await expect(turns.nth(5)).toContainText('Escalated here: Asked for a person');
  await expect(turns.nth(2)).toContainText('Answer from article residence-certificate, version 3');
  await expect(turns.nth(4)).toContainText('The worker marked this answer wrong');
  await expect(page.getByText('Should have been earlier')).toBeVisible();
  // Staff lines and system lines take no label.
  await expect(turns.nth(6).getByRole('group')).toHaveCount(0);
  for (const s of await smallTargets(page)) errors.push(`review, small target: ${s}`);
  if (SCREENSHOTS) await page.screenshot({ path: join(SHOTS, 'review-full.png'), fullPage: true });
  expect(errors).toEqual([]);
  await ctx.close();
});

test('reports show the AI quality as people judge it: tiles, charts with summaries and tables', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await ctx.newPage();
  const errors: string[] = [];
  await open(page, errors);
  await show(page, 'reports', 'en');
  const quality = page.getByRole('region', { name: "The AI's quality, as people judge it" });
  await quality.scrollIntoViewIfNeeded();
  await expect(quality).toBeVisible({ timeout: 30_000 });
  await expect(quality.locator('[data-kpi="precision"] .tile-value')).toHaveText('85.4%');
  await expect(quality.locator('[data-kpi="answer-accuracy"] .tile-value')).toHaveText('86.4%');
  await expect(quality.locator('[data-kpi="repeat-contact"] dt')).toHaveText('Repeat contact within 7 days');
  await expect(quality.getByText('Judged by the workers who received the handoff: Asked for a person 100% of 22', { exact: false }).first()).toBeVisible();
  await expect(quality.getByRole('img', { name: 'Unanswered questions per day' })).toBeVisible();
  await expect(quality.getByText('73 of 610 questions had no answer (12%).')).toBeVisible();
  // Referrals (questions the office does not handle) are counted apart from knowledge gaps.
  await expect(quality.locator('[data-kpi="unanswered"]')).toContainText('41 more referred to another office (6.7%)');
  await expect(quality.locator('th', { hasText: 'Referred elsewhere' })).toHaveCount(1); // in the chart's data table (collapsed)
  if (SCREENSHOTS) await page.screenshot({ path: join(SHOTS, 'reports-full.png'), fullPage: true });
  expect(errors).toEqual([]);
  await ctx.close();
});

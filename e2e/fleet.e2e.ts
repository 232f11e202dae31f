import { expect, test } from '@playwright/test';
import { closeContexts, startSim, startStack, type Sim, type Stack } from './stack.ts';

/**
 * Facility staff in real Chromium: a low-battery alert from the simulator's scenario, and the
 * robot base going offline within 10 s of the simulator stopping.
 */
let sim: Sim;
let stack: Stack;
test.beforeAll(async () => {
  sim = await startSim();
  stack = await startStack({ ROSBRIDGE_URL: sim.url });
});
test.afterEach(({ browser }) => closeContexts(browser));
test.afterAll(async () => {
  await stack?.stop();
  await sim?.stop();
});

test('staff see a low-battery alert and the robot going offline', async ({ browser }) => {
  const errors: string[] = [];
  const kioskCtx = await browser.newContext();
  const staffCtx = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const kiosk = await kioskCtx.newPage();
  const staff = await staffCtx.newPage();
  for (const [name, page] of [['kiosk', kiosk], ['staff', staff]] as const) page.on('pageerror', (e) => errors.push(`${name}: ${e.message}`));

  await stack.openKiosk(kiosk);
  await staff.goto(stack.consoleUrl);
  await staff.getByRole('textbox', { name: 'Username' }).fill('kenji');
  await staff.getByRole('textbox', { name: 'Password' }).fill('harbor-demo');
  await staff.getByRole('button', { name: 'Sign in' }).click();
  await expect(staff.getByRole('heading', { name: 'Fleet', level: 1 })).toBeVisible();
  const devices = staff.getByRole('region', { name: 'Devices' });
  const card = devices.getByRole('listitem', { name: 'Lobby robot 1' });
  await expect(card).toContainText(/Online/);
  await expect(card).toContainText(/Robot link\s*Up/);

  sim.scenario('lowBattery');
  const alerts = staff.getByRole('region', { name: 'Alerts' });
  await expect(alerts.getByRole('listitem', { name: /Low battery · Lobby robot 1/ })).toBeVisible({ timeout: 15_000 });
  await expect(card).toContainText(/10(\.\d)?%/);
  await alerts.getByRole('listitem', { name: /Low battery · Lobby robot 1/ }).getByRole('button', { name: 'Acknowledge' }).click();
  await expect(alerts.getByRole('listitem', { name: /Low battery · Lobby robot 1/ }).getByRole('button', { name: 'Acknowledge' })).toHaveCount(0);

  const stoppedAt = Date.now();
  await sim.stop();
  await expect(alerts.getByRole('listitem', { name: /Robot link lost · Lobby robot 1/ })).toBeVisible({ timeout: 10_000 });
  await expect(card).toContainText(/Robot link\s*Down/);
  const seenAfterMs = Date.now() - stoppedAt;
  expect(seenAfterMs).toBeLessThan(10_000);
  if (process.env.SCREENSHOTS) await staff.screenshot({ path: 'e2e/screenshots/20-staff-fleet.png', fullPage: true });

  expect(errors).toEqual([]);
  await kioskCtx.close();
  await staffCtx.close();
});

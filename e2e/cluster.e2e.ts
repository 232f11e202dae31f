import { expect, test, type Page } from '@playwright/test';
import { startCluster, type Cluster } from '../scripts/lib/cluster.ts';
import { closeContexts } from './stack.ts';

/**
 * A call across a cluster in real Chromium (fake camera and microphone): three orchestrator
 * nodes on one PostgreSQL database and one Redis. The kiosk's page and socket are on node 0;
 * the console goes through HAProxy (shipped configuration), which forwards to nodes 1 and 2
 * only, so the two peers are on different nodes and the console has somewhere to go. Both
 * decode each other's video; then the node holding the console's socket is killed (SIGKILL):
 * the console reconnects through the proxy to the other node and the call goes on, video and
 * messages included. Needs PostgreSQL, redis-server and haproxy (scripts/setup.sh installs them).
 */

type Hook = '__kioskMedia' | '__consoleMedia';

/** Decoded frames of the remote video now (0 when no media session or no video yet). */
async function frames(page: Page, hook: Hook): Promise<number> {
  return page.evaluate(async (h) => {
    const media = (window as unknown as Record<string, { inboundVideoStats: () => Promise<{ framesDecoded: number } | null> | null } | undefined>)[h];
    const stats = await media?.inboundVideoStats();
    return stats?.framesDecoded ?? 0;
  }, hook);
}

/**
 * Polls until the remote video is being decoded: the decoded-frame count moves and is above 0
 * (it rises on the same consumer, or restarts from 0 on a new one after media moved).
 */
async function videoFlowing(page: Page, hook: Hook): Promise<void> {
  let last = await frames(page, hook);
  await expect
    .poll(
      async () => {
        const now = await frames(page, hook);
        const moved = now > 0 && now !== last;
        last = now;
        return moved;
      },
      { timeout: 60_000, intervals: [500, 1000] },
    )
    .toBe(true);
}

let cluster: Cluster;
test.beforeAll(async () => {
  test.setTimeout(240_000);
  cluster = await startCluster({ nodes: 3, proxyNodes: [1, 2], env: { LOG_LEVEL: 'warn', RECONNECT_GRACE_MS: '30000' } });
});
test.afterEach(({ browser }) => closeContexts(browser));
test.afterAll(async () => {
  await cluster?.stop();
});

test('kiosk and console on different nodes decode each other, and the call survives the console node being killed', async ({ browser }) => {
  test.setTimeout(300_000);
  const [node0] = cluster.nodes;
  const kioskCtx = await browser.newContext();
  const consoleCtx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const kiosk = await kioskCtx.newPage();
  const worker = await consoleCtx.newPage();

  await worker.goto(`${cluster.url}/console/`);
  await worker.getByRole('textbox', { name: 'Username' }).fill('sam');
  await worker.getByRole('textbox', { name: 'Password' }).fill('harbor-demo');
  await worker.getByRole('button', { name: 'Sign in' }).click();
  await worker.getByRole('radio', { name: 'Available' }).check();

  const { deviceId, deviceToken } = cluster.demo;
  // The kiosk keeps its device credential in localStorage (no token in the URL since issue 12).
  await kiosk.addInitScript((value) => window.localStorage.setItem('telekiosk.kiosk.credential', value), JSON.stringify({ deviceId, deviceToken }));
  await kiosk.goto(`${node0!.url}/kiosk/#rosbridge=none`);
  await kiosk.getByRole('button', { name: 'Touch here to start' }).click();
  await kiosk.getByRole('button', { name: 'English' }).click();
  await kiosk.getByRole('button', { name: 'Talk to a person' }).click();
  await worker.getByRole('article', { name: 'Lobby robot 1' }).getByRole('button', { name: 'Accept' }).click();
  await expect(kiosk.getByText('You are talking with Sam Carter')).toBeVisible();

  // Different nodes: the kiosk's socket on node 0, the console's on node 1 or 2.
  const kioskNode = await cluster.nodeOf('device', deviceId);
  const consoleNode = await cluster.nodeOf('console', 'w-sam');
  expect(kioskNode?.index).toBe(0);
  expect([1, 2]).toContain(consoleNode?.index);
  await videoFlowing(worker, '__consoleMedia');
  await videoFlowing(kiosk, '__kioskMedia');
  const [sessionRow] = await cluster.query<{ id: string }>(`select id from sessions where state = 'in_call'`);
  const mediaNode = await cluster.mediaNodeOf(sessionRow!.id);
  test.info().annotations.push({ type: 'placement', description: `kiosk node ${kioskNode?.index}, console node ${consoleNode?.index}, media node ${mediaNode?.index}` });

  // Kill the node holding the console's socket.
  await consoleNode!.kill9();
  // The console reconnects through the proxy to the other node behind it.
  await expect
    .poll(async () => (await cluster.nodeOf('console', 'w-sam'))?.index, { timeout: 60_000, intervals: [250, 500, 1000] })
    .toBe(consoleNode!.index === 1 ? 2 : 1);
  // The call goes on: video is decoded on both sides again (or still, if its media was elsewhere) ...
  await videoFlowing(worker, '__consoleMedia');
  await videoFlowing(kiosk, '__kioskMedia');
  await expect(kiosk.getByText('You are talking with Sam Carter')).toBeVisible();
  // ... and lines cross both ways, with nothing lost from before the kill.
  await worker.getByRole('textbox', { name: 'Message to visitor' }).fill('Still here after the node died');
  await worker.getByRole('button', { name: 'Send' }).click();
  await expect(kiosk.getByRole('log', { name: 'Messages' })).toContainText('Still here after the node died');
  const [state] = await cluster.query<{ state: string; worker_id: string }>('select state, worker_id from sessions where id = $1', [sessionRow!.id]);
  expect(state).toMatchObject({ state: 'in_call', worker_id: 'w-sam' });
  await kioskCtx.close();
  await consoleCtx.close();
});

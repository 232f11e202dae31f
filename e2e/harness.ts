import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { createServer, type ViteDevServer } from 'vite';

/**
 * Screen harnesses: an app's real components over fixture state, served by Vite's dev server
 * (no orchestrator, no build). Used for the every-screen-every-language screenshots, the layout
 * checks and the accessibility scans, which would cost minutes if each state were reached by
 * replaying a session.
 */
export interface Harness {
  url: string;
  close(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '..');

/** Starts Vite for `apps/<app>` on a free port; `path` is the harness page under the app's base. */
export async function startHarness(app: 'kiosk' | 'remote-console', path: string): Promise<Harness> {
  const root = resolve(ROOT, 'apps', app);
  const server: ViteDevServer = await createServer({
    configFile: resolve(root, 'vite.config.ts'),
    root,
    logLevel: 'warn',
    clearScreen: false,
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null },
  });
  await server.listen();
  const origin = server.resolvedUrls?.local[0];
  if (!origin) throw new Error(`vite for ${app} has no local URL`);
  return { url: new URL(path, origin).href, close: () => server.close() };
}

/**
 * Layout problems on the page as it is now, each naming the element and what is wrong:
 * - a control (button, input, link, tab...) not entirely inside the viewport, or cut off by a
 *   clipping ancestor; with `allowScrolledControls`, a control in a scrolling list whose box is on
 *   screen counts as reachable (the console's long lists), never in the kiosk;
 * - text outside the viewport, cut by an `overflow: hidden` box, truncated with an ellipsis,
 *   or wider than its scrolling box. Text in a vertically scrolling region (a transcript) may be
 *   scrolled out of view.
 */
export async function layoutProblems(page: Page, opts: { allowScrolledControls?: boolean } = {}): Promise<string[]> {
  return page.evaluate(({ allowScrolledControls }) => {
    const W = document.documentElement.clientWidth;
    const H = document.documentElement.clientHeight;
    const out: string[] = [];
    // A page that scrolls (the console's long lists): what is below the fold can be scrolled to;
    // sideways overflow never counts as reachable. The kiosk's page never scrolls.
    const pageScrollsY = (document.scrollingElement?.scrollHeight ?? 0) > H + 1 && getComputedStyle(document.body).overflowY !== 'hidden' && getComputedStyle(document.documentElement).overflowY !== 'hidden';
    const name = (el: Element) => {
      const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      const text = (el.getAttribute('aria-label') ?? el.textContent ?? (el as HTMLInputElement).placeholder ?? '').trim().replace(/\s+/g, ' ').slice(0, 50);
      return `${el.tagName.toLowerCase()}${cls} "${text}"`;
    };
    const isHidden = (el: Element | null) => {
      // checkVisibility covers closed <details> content (content-visibility: hidden) and display: none.
      if (el && !el.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true, opacityProperty: true })) return true;
      for (let e = el; e; e = e.parentElement) {
        const cs = getComputedStyle(e);
        if (cs.display === 'none' || cs.visibility === 'hidden' || e.classList.contains('sr-only') || e.classList.contains('skip-link') || cs.opacity === '0') return true;
      }
      return false;
    };
    type Box = { left: number; right: number; top: number; bottom: number };
    const inside = (r: Box, b: Box, tol = 1) => r.left >= b.left - tol && r.right <= b.right + tol && r.top >= b.top - tol && r.bottom <= b.bottom + tol;
    const viewport = { left: 0, top: 0, right: W, bottom: H };
    /** Ancestors that clip: `scrolls` when overflow is auto/scroll on that axis and there is something to scroll. */
    const clippers = (el: Element) => {
      const list: { el: Element; box: Box; scrollsY: boolean; scrollsX: boolean }[] = [];
      for (let e = el.parentElement; e && e !== document.documentElement && e !== document.body; e = e.parentElement) {
        const cs = getComputedStyle(e);
        if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue;
        const r = e.getBoundingClientRect();
        list.push({
          el: e,
          box: { left: r.left + e.clientLeft, right: r.left + e.clientLeft + e.clientWidth, top: r.top + e.clientTop, bottom: r.top + e.clientTop + e.clientHeight },
          scrollsY: /auto|scroll/.test(cs.overflowY) && e.scrollHeight > e.clientHeight + 1,
          scrollsX: /auto|scroll/.test(cs.overflowX) && e.scrollWidth > e.clientWidth + 1,
        });
      }
      return list;
    };

    // Controls
    const controls = document.querySelectorAll('button, input, select, textarea, a[href], [role="button"], [role="tab"], [role="checkbox"], [role="radio"], [role="switch"]');
    for (const el of controls) {
      if (isHidden(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const cl = clippers(el);
      const scroller = cl.find((c) => c.scrollsY || c.scrollsX);
      if (allowScrolledControls && scroller && inside(scroller.box, viewport)) continue;
      const vp = allowScrolledControls && pageScrollsY ? { ...viewport, top: -Infinity, bottom: Infinity } : viewport;
      if (!inside(r, vp)) out.push(`control outside the viewport: ${name(el)} at ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)}`);
      else for (const c of cl) if (!inside(r, c.box)) {
        out.push(`control cut off by ${name(c.el).slice(0, 40)}: ${name(el)}`);
        break;
      }
    }

    // Text
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set<Element>();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!parent || !n.textContent?.trim() || isHidden(parent) || parent.closest('svg, option, script, style')) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const cl = clippers(parent);
      for (const dr of range.getClientRects()) {
        if (dr.width === 0 || dr.height === 0) continue;
        const r = { left: dr.left, right: dr.right, top: dr.top, bottom: dr.bottom };
        const scrollsY = pageScrollsY || cl.some((c) => c.scrollsY && inside({ ...r, top: c.box.top, bottom: c.box.bottom }, c.box));
        const box = scrollsY ? { ...r, top: 0, bottom: 0 } : r;
        const horizontalOk = r.left >= -1 && r.right <= W + 1;
        if (!horizontalOk || (!scrollsY && !inside(box, viewport))) {
          if (!seen.has(parent)) out.push(`text outside the viewport: ${name(parent)}`);
          seen.add(parent);
          break;
        }
        // Nearest clipping box first; past a vertical scroller only the horizontal extent matters
        // (what is scrolled out can be scrolled back; the scroller's own box is checked as text's box).
        let pastScroller = false;
        const cut = cl.find((c) => {
          const horizontallyOut = r.left < c.box.left - 1 || r.right > c.box.right + 1;
          if (c.scrollsX) return false;
          if (c.scrollsY || pastScroller) {
            pastScroller = true;
            return horizontallyOut;
          }
          return !inside(r, c.box);
        });
        if (cut) {
          if (!seen.has(parent)) out.push(`text cut off by ${name(cut.el).slice(0, 40)}: ${name(parent)}`);
          seen.add(parent);
          break;
        }
      }
    }
    // Ellipsis truncation
    for (const el of document.querySelectorAll('*')) {
      if (isHidden(el)) continue;
      const cs = getComputedStyle(el);
      if (cs.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1) out.push(`text truncated with an ellipsis: ${name(el)}`);
    }
    return out;
  }, { allowScrolledControls: opts.allowScrolledControls ?? false });
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe-core's browser bundle, the one @axe-core/playwright injects. */
const AXE_SOURCE = readFileSync(createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright')).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core WCAG 2.2 A/AA violations of impact serious or critical, as readable lines.
 *
 * The harness pages have no frames and change screens without navigating, so axe-core is
 * injected once per document and `axe.run` is called in place (about 0.13 s a scan here);
 * `AxeBuilder.analyze()` injects it again and opens a blank page for every scan (about 1.6 s).
 * A page with frames goes through `AxeBuilder`, which scans each frame.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  type Result = Awaited<ReturnType<AxeBuilder['analyze']>>;
  let result: Pick<Result, 'violations'>;
  if (page.frames().length > 1) result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  else {
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
    result = await page.evaluate(
      (tags) => (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<Result> } }).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
      WCAG_TAGS,
    );
  }
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

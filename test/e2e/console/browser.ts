import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const root = resolve(__dirname, '..', '..', '..');
/** Screenshots of each page, kept after the run (README shows two of them, copied to docs/images). */
export const SCREENSHOT_DIR = join(root, 'test-results', 'console');

export interface ConsoleBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Debian's Chromium, headless; nothing reaches the network but the test's service. launch() gives
 * it a fresh temporary profile (its own --user-data-dir, removed on close).
 */
export async function launchChromium(executablePath: string): Promise<ConsoleBrowser> {
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

/** The browser's zone: not UTC, so a date-time picker read in the wrong zone would show. */
export const BROWSER_TIME_ZONE = 'Europe/Berlin';

/** A date-time picker's value for `instant` in the browser's zone, to the second. */
export function pickerValue(instant: Date): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: BROWSER_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  })
    .format(instant)
    .replace(' ', 'T');
}

export async function newConsoleContext(
  browser: Browser,
  baseUrl: string,
  viewport = { width: 1280, height: 800 },
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport,
    timezoneId: BROWSER_TIME_ZONE,
    locale: 'en-GB',
    acceptDownloads: true,
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  context.setDefaultTimeout(30_000); // generous: two jest workers and Chromium share two cores in CI
  return context;
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
  first: string;
}

/**
 * axe-core's serious and critical violations on the page as it is now. The script is evaluated
 * through the DevTools protocol, so the page's CSP (script-src 'self') stays as strict as in use.
 */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  // A string, evaluated in the page: the test compiles without the DOM's types.
  const violations = await page.evaluate<AxeViolation[]>(`(async () => {
    const result = await window.axe.run(document);
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, first: v.nodes[0].html.slice(0, 200),
    }));
  })()`);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Saves a full-page screenshot as test-results/console/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** The page passes the axe scan, then is saved as a screenshot: every page the tests visit gets both. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await page.locator('h1').first().waitFor();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, name);
}

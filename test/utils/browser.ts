import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, chromium, Locator, Page } from 'playwright-core';

/**
 * The browser tests' Chromium: Debian's (`apt-get install chromium fonts-wqy-microhei`), never a
 * downloaded one. CHROMIUM_PATH points elsewhere when it lives elsewhere.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a quiet headless Chromium in a container: no sandbox, GPU, QUIC or phoning home. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A mid-range Android phone as Furrow's buyers and farmers hold it: 390 px wide, Chinese, Beijing time. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
  userAgent:
    'Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36',
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
};

/**
 * Launches Chromium; fails (never skips) with what to install when it is missing, since a
 * browser test that silently does not run proves nothing.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: the browser tests need Debian's Chromium and a CJK font ` +
        '(apt-get install chromium fonts-wqy-microhei), or CHROMIUM_PATH set to a Chromium binary.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
}

/** A fresh phone (own cookies) opening pages of the app at `baseURL`. */
export async function phoneContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({ ...PHONE, baseURL });
  context.setDefaultTimeout(15_000);
  return context;
}

/** Impacts that fail a page: what stops someone from using it at all. */
const FAILING_IMPACTS = new Set(['serious', 'critical']);

/**
 * Runs axe-core on the page as it is now and fails on any serious or critical violation,
 * listing each rule, why, and the elements it found.
 */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const failing = results.violations.filter((v) => FAILING_IMPACTS.has(v.impact ?? ''));
  if (failing.length === 0) return;
  const report = failing
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`)
        .join('\n');
      const more = v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : '';
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`;
    })
    .join('\n');
  throw new Error(`${page.url()} has ${failing.length} serious or critical accessibility violation(s):\n${report}`);
}

const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');

/**
 * Saves the page as docs/screenshots/<name>.png (the phone's 390 px wide, full page), only when
 * SAVE_SCREENSHOTS=1, so ordinary runs leave the committed pictures alone.
 */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.SAVE_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true, scale: 'css' });
}

/** Opens `path` and checks it like every page: it answers, it is accessible. */
export async function visit(page: Page, path: string): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status()).toBeLessThan(400);
  await expectAccessible(page);
}

/** After a click that loads a page: wait for it, then check it. */
export async function landed(page: Page, url?: RegExp): Promise<void> {
  if (url) await page.waitForURL(url);
  await page.waitForLoadState('load');
  await expectAccessible(page);
}

/** Signs in on the login page with a password, as a person would. */
export async function signIn(page: Page, user: { email: string; password: string }): Promise<void> {
  await visit(page, '/login');
  await page.getByLabel('手机号或邮箱').fill(user.email);
  await page.getByLabel('密码').fill(user.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '退出登录' }).waitFor();
  await expectAccessible(page);
}

/** Chooses the option of `select` whose text contains `text` (options may carry a note after the name). */
export async function chooseOption(select: Locator, text: string): Promise<void> {
  const option = select.locator('option', { hasText: text }).first();
  await option.waitFor({ state: 'attached' });
  await select.selectOption((await option.getAttribute('value'))!);
}

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mangoProduct, publishProduct } from '../factories/product.factory';
import { expectAccessible, launchBrowser, phoneContext, saveScreenshot } from '../utils/browser';
import { MarketplaceWithWorker, openStore, OpenStore, ROOT, startMarketplace } from '../utils/marketplace';

/**
 * Issue 11's journeys in a real Chromium on a phone, against the app on a real port: every page
 * visited is checked with axe-core. Data a journey is not about is set up through the JSON API.
 */
describe('journeys on a phone', () => {
  let market: MarketplaceWithWorker;
  let browser: Browser;
  let baseURL: string;
  let farm: OpenStore;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    market = await startMarketplace();
    baseURL = await market.api.url();
    farm = await openStore(market);
    await publishProduct(market.api, farm.seller, market.admin, farm.store, mangoProduct());
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await market?.close();
  });

  /** A phone of its own (cookies, language) for one person. */
  async function phone(): Promise<Page> {
    const context = await phoneContext(browser, baseURL);
    contexts.push(context);
    return context.newPage();
  }

  /** Opens `path` and checks it like every page: it answers, it is accessible. */
  async function visit(page: Page, path: string): Promise<void> {
    const response = await page.goto(path);
    expect(response?.status()).toBeLessThan(400);
    await expectAccessible(page);
  }

  it('a visitor opens the home page, signs in with a password and switches to English', async () => {
    const page = await phone();
    await visit(page, '/');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await page.getByRole('link', { name: /田阳桂七芒果/ }).waitFor();
    await saveScreenshot(page, 'home');

    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '登录' }).click();
    await page.waitForURL('**/login');
    await expectAccessible(page);
    await page.getByLabel('手机号或邮箱').fill(ROOT.email);
    await page.getByLabel('密码').fill(ROOT.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expectAccessible(page);
  });
});

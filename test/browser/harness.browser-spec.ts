import type { Browser } from 'playwright-core';
import { expectAccessible, launchBrowser, phoneContext } from '../utils/browser';

describe('the browser harness', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('is a Chinese phone 390 px wide', async () => {
    const context = await phoneContext(browser, 'http://127.0.0.1:9');
    const page = await context.newPage();
    await page.setContent('<meta name="viewport" content="width=device-width, initial-scale=1"><p>田阳芒果</p>');
    // Runs in the page (the test's TypeScript has no DOM types).
    const seen = await page.evaluate(() => {
      const window = globalThis as unknown as {
        innerWidth: number;
        devicePixelRatio: number;
        navigator: { language: string; maxTouchPoints: number };
      };
      return {
        width: window.innerWidth,
        ratio: window.devicePixelRatio,
        language: window.navigator.language,
        zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        touch: window.navigator.maxTouchPoints > 0,
      };
    });
    expect(seen).toEqual({ width: 390, ratio: 2, language: 'zh-CN', zone: 'Asia/Shanghai', touch: true });
    await context.close();
  });

  it('fails a page with a serious violation and names the rule and the element', async () => {
    const context = await phoneContext(browser, 'http://127.0.0.1:9');
    const page = await context.newPage();
    await page.setContent(
      '<!doctype html><html lang="zh-CN"><head><title>坏页面</title></head><body><main><h1>坏页面</h1>' +
        '<a href="/x"><img src="data:," id="no-alt"></a><button id="empty"></button></main></body></html>',
    );
    const failure = await expectAccessible(page).then(
      () => undefined,
      (error: Error) => error.message,
    );
    expect(failure).toMatch(/serious or critical accessibility violation/);
    expect(failure).toContain('button-name');
    expect(failure).toContain('#empty');
    await context.close();
  });
});

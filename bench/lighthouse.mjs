#!/usr/bin/env node
/* global fetch -- Node's own (18+), which ESLint's config does not list */
// Lighthouse on Furrow's pages as a phone sees them: performance, accessibility and best practices
// (target ≥ 95 each) and the JS + CSS a page transfers (budget 60 KB compressed), for home, a
// search, a product page and checkout (a signed-in demo buyer with the product in the cart).
//
//   npm run bench:lighthouse                         # builds and starts Furrow with the demo data (`npm start`)
//   npm run bench:lighthouse -- --url http://127.0.0.1:3000   # a Furrow already running with the demo data
//
// Chromium is Debian's (CHROMIUM_PATH, default /usr/bin/chromium); nothing is downloaded.
// A benchmark, not a test: it prints figures and exits 0 unless it could not measure; a page
// under target is shown as such, for the record in bench/README.md.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, URLSearchParams } from 'node:url';
import { parseArgs } from 'node:util';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const TARGET_SCORE = 95;
const BUDGET_BYTES = 60 * 1024;
/** The demo buyer (src/demo/demo-catalog.ts) and the product every journey starts from. */
const DEMO_BUYER = { account: 'buyer@furrow.demo', password: 'furrow-demo-2026' };
const MANGO_SEARCH = { q: '芒果', region: '451000' };

const { values: options } = parseArgs({
  options: {
    url: { type: 'string' },
    port: { type: 'string', default: '3298' },
    runs: { type: 'string', default: '1' },
  },
});

/** Cookies as a browser keeps them, from Set-Cookie headers. */
class CookieJar {
  #cookies = new Map();
  take(response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === '') this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }
  header() {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** Starts Furrow as `npm start` does (embedded PostgreSQL, demo data) in a data directory of its own. */
async function startFurrow(port) {
  const data = mkdtempSync(join(tmpdir(), 'furrow-lighthouse-'));
  // As root the embedded PostgreSQL runs as the OS user postgres, which must enter the folder.
  chmodSync(data, 0o755);
  const env = { ...process.env, PORT: String(port), EMBEDDED_PG_PORT: String(Number(port) + 50000 - 3000) };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  env.EMBEDDED_PG_DATA_DIR = join(data, 'pg');
  process.stderr.write(`starting Furrow (npm start) on port ${port}…\n`);
  const child = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    rmSync(data, { recursive: true, force: true });
  };
  const deadline = Date.now() + 300_000;
  for (;;) {
    // A start that fails or hangs leaves nothing behind either.
    if (child.exitCode !== null || Date.now() >= deadline) {
      const why =
        child.exitCode !== null
          ? `npm start exited with code ${child.exitCode}`
          : 'Furrow did not become ready within 300 s';
      await stop();
      throw new Error(why);
    }
    try {
      if ((await fetch(`${url}/health/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  return { url, stop };
}

const csrfOf = (html) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

/** The inputs a browser would send with the first form whose action contains `actionPart`. */
function formOf(html, actionPart) {
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const action = /action="([^"]*)"/.exec(match[1])?.[1] ?? '';
    if (!action.includes(actionPart)) continue;
    const fields = new URLSearchParams();
    for (const input of match[2].matchAll(/<input\b([^>]*)>/g)) {
      const attr = (name) => new RegExp(`\\b${name}="([^"]*)"`).exec(input[1])?.[1];
      const type = attr('type') ?? 'text';
      const name = attr('name');
      if (!name || ((type === 'radio' || type === 'checkbox') && !/\bchecked\b/.test(input[1]))) continue;
      fields.set(name, attr('value') ?? (type === 'number' ? '1' : ''));
    }
    for (const select of match[2].matchAll(/<select\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
      const option = /<option\b[^>]*selected[^>]*value="([^"]*)"/.exec(select[2]) ?? /value="([^"]*)"/.exec(select[2]);
      if (option) fields.set(select[1], option[1]);
    }
    return { action: action.replace(/&amp;/g, '&'), fields };
  }
  return undefined;
}

/** Signs the demo buyer in through the login page and puts the product in the cart through its form. */
async function buyerWithCart(base, productPath) {
  const jar = new CookieJar();
  const get = async (path) => {
    const response = await fetch(base + path, { headers: { cookie: jar.header() }, redirect: 'manual' });
    jar.take(response);
    return response;
  };
  const post = async (path, fields) => {
    const response = await fetch(base + path, {
      method: 'POST',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: fields.toString(),
      redirect: 'manual',
    });
    jar.take(response);
    return response;
  };
  const login = await get('/login');
  const signIn = await post(
    '/login',
    new URLSearchParams({ _csrf: csrfOf(await login.text()) ?? '', ...DEMO_BUYER, next: '/' }),
  );
  if (signIn.status !== 303) throw new Error(`the demo buyer could not sign in (${signIn.status})`);
  const product = await (await get(productPath)).text();
  const addToCart = formOf(product, '/cart');
  if (!addToCart) throw new Error(`${productPath} has no form posting to /cart`);
  const added = await post(addToCart.action, addToCart.fields);
  if (added.status >= 400) throw new Error(`adding to the cart answered ${added.status}`);
  return jar.header();
}

async function mangoProductPath(base) {
  const query = new URLSearchParams(MANGO_SEARCH);
  const found = await (await fetch(`${base}/api/v1/products?${query}`)).json();
  const mango = found.items.find((p) => /田阳/.test(p.content?.title ?? p.title ?? '')) ?? found.items[0];
  if (!mango) throw new Error('no mango in Baise: is the demo data loaded?');
  return `/products/${mango.id}`;
}

/** One Lighthouse run (mobile emulation, Lighthouse's default) on `url`. */
async function audit(chrome, url, cookie) {
  const flags = {
    port: chrome.port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility', 'best-practices'],
  };
  let lhr;
  if (cookie) {
    // Chromium sends its own cookie store, not a Cookie in extraHeaders: the session goes into the
    // store through the DevTools protocol, and Lighthouse is told not to clear it.
    const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
    const page = await browser.newPage();
    // Kept storage would keep the cache too: the assets are measured as a first visit's.
    await (await page.createCDPSession()).send('Network.clearBrowserCache');
    await page.setCookie(
      ...cookie.split('; ').map((pair) => {
        const at = pair.indexOf('=');
        return { name: pair.slice(0, at), value: pair.slice(at + 1), url };
      }),
    );
    ({ lhr } = await lighthouse(
      url,
      { ...flags, disableStorageReset: true, extraHeaders: { cookie } },
      undefined,
      page,
    ));
    await page.close();
    await browser.disconnect();
  } else {
    ({ lhr } = await lighthouse(url, flags));
  }
  if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const score = (id) => Math.round((lhr.categories[id].score ?? 0) * 100);
  const resources = lhr.audits['resource-summary'].details.items;
  const bytes = (type) => resources.find((r) => r.resourceType === type)?.transferSize ?? 0;
  const failing = (category) =>
    lhr.categories[category].auditRefs
      .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id].score ?? 1) < 0.9)
      .map((ref) => ref.id);
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    jsCssBytes: bytes('script') + bytes('stylesheet'),
    lcpMs: Math.round(lhr.audits['largest-contentful-paint'].numericValue),
    finalUrl: lhr.finalDisplayedUrl,
    below: [...failing('performance'), ...failing('accessibility'), ...failing('best-practices')],
  };
}

const lighthouseVersion = () =>
  JSON.parse(readFileSync(join(ROOT, 'node_modules', 'lighthouse', 'package.json'), 'utf8')).version;

const median = (numbers) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)];

async function main() {
  const server = options.url
    ? { url: options.url.replace(/\/$/, ''), stop: async () => {} }
    : await startFurrow(options.port);
  let chrome;
  try {
    const productPath = await mangoProductPath(server.url);
    // Checkout is measured as the buyer sees it with something to buy; a failure is shown, not hidden.
    const cookie = await buyerWithCart(server.url, productPath).catch((error) => {
      console.error(`checkout is measured without a cart: ${error.message}`);
      return undefined;
    });
    const pages = [
      { name: 'home', path: '/' },
      { name: 'search', path: `/search?q=${encodeURIComponent(MANGO_SEARCH.q)}` },
      { name: 'product', path: productPath },
      { name: 'checkout', path: '/checkout', cookie },
    ];
    chrome = await launch({ chromePath: CHROMIUM_PATH, chromeFlags: CHROMIUM_FLAGS, logLevel: 'silent' });
    const runs = Math.max(1, Number(options.runs));
    const rows = [];
    for (const page of pages) {
      const results = [];
      try {
        for (let i = 0; i < runs; i++) {
          // A trace Chromium lost (NO_NAVSTART, NO_FCP) says nothing of the page: measured again once.
          const once = () => audit(chrome, server.url + page.path, page.cookie);
          results.push(
            await once().catch((error) => (/NO_NAVSTART|NO_FCP/.test(error.message) ? once() : Promise.reject(error))),
          );
        }
      } catch (error) {
        // A page that does not load is reported in its row; the others are still measured.
        rows.push({ page: page.name, error: error.message.slice(0, 160) });
        continue;
      }
      const pick = (key) => median(results.map((r) => r[key]));
      rows.push({
        page: page.name,
        performance: pick('performance'),
        accessibility: pick('accessibility'),
        bestPractices: pick('bestPractices'),
        jsCssKB: Math.round(pick('jsCssBytes') / 102.4) / 10,
        lcpMs: pick('lcpMs'),
        finalUrl: results[0].finalUrl.replace(server.url, ''),
        below: [...new Set(results.flatMap((r) => r.below))].join(' '),
      });
    }
    const mark = (ok) => (ok ? 'ok' : 'BELOW');
    console.log(
      `\nLighthouse ${lighthouseVersion()}, mobile emulation, ${runs} run(s) per page (median), ${server.url}`,
    );
    console.log(
      `targets: performance, accessibility, best practices ≥ ${TARGET_SCORE}; JS+CSS ≤ ${BUDGET_BYTES / 1024} KB compressed\n`,
    );
    console.log('page      perf  a11y  best  JS+CSS KB  LCP ms  status  url');
    for (const r of rows) {
      if (r.error) {
        console.log(`${r.page.padEnd(9)} not measured: ${r.error}`);
        continue;
      }
      const ok =
        r.performance >= TARGET_SCORE &&
        r.accessibility >= TARGET_SCORE &&
        r.bestPractices >= TARGET_SCORE &&
        r.jsCssKB * 1024 <= BUDGET_BYTES;
      console.log(
        `${r.page.padEnd(9)} ${String(r.performance).padStart(4)}  ${String(r.accessibility).padStart(4)}  ` +
          `${String(r.bestPractices).padStart(4)}  ${String(r.jsCssKB).padStart(9)}  ${String(r.lcpMs).padStart(6)}  ` +
          `${mark(ok).padEnd(6)}  ${r.finalUrl}${r.below ? `  (audits below 90: ${r.below})` : ''}`,
      );
    }
  } finally {
    await chrome?.kill();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(`bench:lighthouse failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});

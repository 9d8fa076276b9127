import request from 'supertest';
import { Marketplace, ROOT, startMarketplace } from '../utils/marketplace';
import { webClient } from '../utils/web-client';

describe('the pages: language, sessions, CSRF, escaping', () => {
  let market: Marketplace;
  beforeAll(async () => {
    market = await startMarketplace({}, { worker: false });
  });
  afterAll(() => market.close());

  it('speaks Chinese by default and English when the browser asks for it', async () => {
    const zh = await request(market.api.app.getHttpServer()).get('/').expect(200);
    expect(zh.headers['content-type']).toContain('text/html');
    expect(zh.text).toContain('<html lang="zh-CN">');
    expect(zh.text).toContain('购物车');
    const en = await request(market.api.app.getHttpServer())
      .get('/')
      .set('accept-language', 'en-US,en;q=0.9')
      .expect(200);
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('Cart');
    const zhFirst = await request(market.api.app.getHttpServer())
      .get('/')
      .set('accept-language', 'zh-TW,zh;q=0.9,en;q=0.5')
      .expect(200);
    expect(zhFirst.text).toContain('<html lang="zh-CN">');
  });

  it('switches language with one form and remembers it', async () => {
    const web = webClient(market.api);
    await web.page('/');
    const switched = await web.submit('/language', { locale: 'en', next: '/login' });
    expect(switched.status).toBe(303);
    expect(switched.headers.location).toBe('/login');
    expect(await web.page('/login')).toContain('Sign in');
  });

  it('refuses a form without the CSRF token, in the page language, and accepts it with the token', async () => {
    const web = webClient(market.api);
    await web.page('/login');
    const forged = await web.agent.post('/login').type('form').send({ account: ROOT.email, password: ROOT.password });
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('CSRF_TOKEN_INVALID');
    expect(forged.text).toContain('页面已过期');
    const wrong = await web.agent
      .post('/login')
      .type('form')
      .send({ _csrf: 'x'.repeat(43), account: ROOT.email, password: ROOT.password });
    expect(wrong.status).toBe(403);
    await web.signIn(ROOT.email, ROOT.password);
    expect(await web.page('/')).toContain('退出登录');
  });

  it('shows a wrong password next to the field and keeps what was typed', async () => {
    const web = webClient(market.api);
    await web.page('/login');
    const response = await web.submit('/login', { account: ROOT.email, password: 'not-the-password' });
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/id="password-error"[^>]*>账号或密码不正确/);
    expect(response.text).toContain(`value="${ROOT.email}"`);
    const blank = await web.submit('/login', { account: '', password: '' });
    expect(blank.text).toMatch(/id="account-error"[^>]*>必填/);
  });

  it('keeps the session in an HttpOnly SameSite cookie, ends it at logout, and sends `next` only within the site', async () => {
    const web = webClient(market.api);
    await web.page('/login');
    const login = await web.submit('/login', {
      account: ROOT.email,
      password: ROOT.password,
      next: 'https://evil.example/x',
    });
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe('/x');
    const cookie = ([] as string[])
      .concat(login.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('furrow_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    await web.page('/');
    expect((await web.submit('/logout', {})).status).toBe(303);
    expect(await web.page('/')).not.toContain('退出登录');
    // The old cookie is dead even if replayed.
    const session = cookie!.split(';')[0];
    const replay = await request(market.api.app.getHttpServer()).get('/').set('cookie', session).expect(200);
    expect(replay.text).not.toContain('退出登录');
  });

  it('serves its own assets, compressed and cacheable, with a CSP that allows no inline script', async () => {
    const home = await request(market.api.app.getHttpServer()).get('/').expect(200);
    const csp = home.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(home.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const htmx = /src="(\/assets\/htmx\.min\.js\?v=[0-9a-f]+)"/.exec(home.text)![1];
    const js = await request(market.api.app.getHttpServer()).get(htmx).set('accept-encoding', 'br, gzip').expect(200);
    expect(js.headers['cache-control']).toContain('immutable');
    expect(js.headers['content-encoding']).toBeDefined();
    const css = /href="(\/assets\/app\.css\?v=[0-9a-f]+)"/.exec(home.text)![1];
    await request(market.api.app.getHttpServer())
      .get(css)
      .expect(200)
      .expect('content-type', /text\/css/);
  });

  it('answers a repeated page view with 304 by its ETag', async () => {
    const web = webClient(market.api);
    await web.page('/');
    const first = await web.agent.get('/').expect(200);
    expect(first.headers.etag).toBeDefined();
    await web.agent.get('/').set('if-none-match', first.headers.etag).expect(304);
  });

  it('keeps the JSON API where it was', async () => {
    await request(market.api.app.getHttpServer())
      .get('/api/v1/regions/provinces')
      .expect((r) => {
        expect([200, 404]).toContain(r.status);
        expect(r.headers['content-type']).toContain('json');
      });
    await request(market.api.app.getHttpServer()).get('/health').expect(200);
  });
});

describe('the region picker', () => {
  let market: Marketplace;
  beforeAll(async () => {
    market = await startMarketplace({}, { worker: false });
  });
  afterAll(() => market.close());

  it('fills the cities of the chosen province and the counties of the chosen city, and drops a stale choice', async () => {
    const http = () => request(market.api.app.getHttpServer());
    const provinceOnly = await http()
      .get('/regions/picker')
      .query({ name: 'address.countyCode', '_province:address.countyCode': '450000' })
      .expect(200);
    expect(provinceOnly.text).toContain('百色市');
    expect(provinceOnly.text).not.toContain('<html');
    const city = await http()
      .get('/regions/picker')
      .query({
        name: 'address.countyCode',
        '_province:address.countyCode': '450000',
        '_city:address.countyCode': '451000',
      })
      .expect(200);
    expect(city.text).toContain('田阳区');
    // The province changed to Hunan: Baise's city and county are no longer chosen.
    const moved = await http()
      .get('/regions/picker')
      .query({
        name: 'address.countyCode',
        '_province:address.countyCode': '430000',
        '_city:address.countyCode': '451000',
        'address.countyCode': '451003',
      })
      .expect(200);
    expect(moved.text).toContain('湘西土家族苗族自治州');
    expect(moved.text).not.toContain('田阳区');
  });
});

describe('a page that does not exist', () => {
  let market: Marketplace;
  beforeAll(async () => {
    market = await startMarketplace({}, { worker: false });
  });
  afterAll(() => market.close());

  it('is the 404 page for a browser and JSON for an API client', async () => {
    const http = () => request(market.api.app.getHttpServer());
    const page = await http().get('/no-such-page').set('accept', 'text/html,application/xhtml+xml').expect(404);
    expect(page.text).toContain('<html lang="zh-CN">');
    expect(page.text).toContain('页面不存在');
    const api = await http().get('/api/v1/no-such-route').set('accept', 'text/html').expect(404);
    expect(api.body.code).toBe('ROUTE_NOT_FOUND');
    const json = await http().get('/no-such-page').expect(404);
    expect(json.body.code).toBe('ROUTE_NOT_FOUND');
  });
});

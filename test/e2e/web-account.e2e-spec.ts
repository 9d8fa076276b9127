import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { NotificationRequestsService } from '../../src/modules/notifications/notification-requests.service';
import { loginUser } from '../factories/user.factory';
import { startFakeAliyunSms } from '../utils/fake-aliyun-sms';
import { bearer, Marketplace, startMarketplace } from '../utils/marketplace';
import { webClient, WebClient } from '../utils/web-client';

const PASSWORD = 'mango-season-2026';

describe('the account pages: phone login, registration, settings, inbox', () => {
  let market: Marketplace;
  let sms: Awaited<ReturnType<typeof startFakeAliyunSms>>;

  beforeAll(async () => {
    sms = await startFakeAliyunSms();
    market = await startMarketplace(sms.env(), { worker: false });
  });
  afterAll(async () => {
    await market?.close();
    await sms?.close();
  });

  const lastCodeFor = (mobile: string) => sms.sent.filter((m) => m.phoneNumbers === mobile).at(-1)!.params.code;

  /** A new buyer registered on the page with an e-mail, signed in on `web`. */
  async function registered(web: WebClient, displayName = '田阳阿妹') {
    const email = `${randomUUID().slice(0, 8)}@example.cn`;
    await web.page('/register');
    const response = await web.submit('/register', { account: email, password: PASSWORD, displayName });
    expect(response.status).toBe(303);
    const auth = bearer((await loginUser(market.api, { email, password: PASSWORD })).accessToken);
    const me = await market.api.http().get('/api/v1/me').set(auth).expect(200);
    return { email, auth, id: me.body.id as string };
  }

  it('signs in with a code sent by SMS, with wrong codes and resends refused next to their fields', async () => {
    const web = webClient(market.api);
    // Handlebars writes `=` as `&#x3D;` in attributes; browsers read it back as `=`.
    const password = await web.page('/login?next=/account/settings');
    expect(password).toContain('href="/login/phone?next&#x3D;%2Faccount%2Fsettings"');
    const page = await web.page('/login/phone?next=/account/settings');
    expect(page).toContain('href="/login?next&#x3D;%2Faccount%2Fsettings"');
    expect(page).not.toContain('name="code"');

    const badNumber = await web.submit('/login/phone/code', { phone: '12345', next: '/account/settings' });
    expect(badNumber.status).toBe(400);
    expect(badNumber.text).toMatch(/id="phone-error"[^>]*>请输入 11 位手机号/);

    const sent = await web.submit('/login/phone/code', { phone: '139 0771 0101', next: '/account/settings' });
    expect(sent.status).toBe(200);
    expect(sent.text).toContain('name="code"');
    expect(sent.text).toContain('验证码已发到 139 0771 0101');
    const code = lastCodeFor('13907710101');

    const again = await web.submit('/login/phone/code', { phone: '13907710101', next: '/account/settings' });
    expect(again.status).toBe(429);
    expect(again.text).toMatch(/id="phone-error"[^>]*>发送太频繁，请 \d+ 秒后再试/);

    const wrong = await web.submit('/login/phone', {
      phone: '13907710101',
      code: code === '000000' ? '111111' : '000000',
      next: '/account/settings',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toMatch(/id="code-error"[^>]*>验证码不对或已过期/);
    expect(wrong.text).toContain('value="13907710101"');

    const right = await web.submit('/login/phone', { phone: '13907710101', code, next: '/account/settings' });
    expect(right.status).toBe(303);
    expect(right.headers.location).toBe('/account/settings');
    expect(await web.page('/account')).toContain('+8613907710101');
  });

  it('registers with a phone and a password and is signed in at once', async () => {
    const web = webClient(market.api);
    expect(await web.page('/register')).toContain('href="/login"');
    const response = await web.submit('/register', {
      account: '139-0771-0102',
      password: PASSWORD,
      displayName: '<script>alert(1)</script>',
    });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/account');
    const account = await web.page('/account');
    expect(account).toContain('+8613907710102');
    expect(account).toContain('<span class="tag">买家</span>');
    expect(account).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(account).not.toContain('<script>alert(1)');
    for (const link of ['/orders', '/inbox', '/account/settings', '/seller'])
      expect(account).toContain(`href="${link}"`);

    // The password works on the password page too.
    const again = webClient(market.api);
    await again.signIn('13907710102', PASSWORD);
  });

  it('shows a taken phone number and a short password next to their fields, in Chinese', async () => {
    const web = webClient(market.api);
    await web.page('/register');
    const taken = await web.submit('/register', { account: '13907710102', password: PASSWORD });
    expect(taken.status).toBe(409);
    expect(taken.text).toMatch(/id="account-error"[^>]*>这个手机号已经注册过了/);
    expect(taken.text).toContain('value="13907710102"');
    const short = await web.submit('/register', { account: '13907710103', password: 'short' });
    expect(short.status).toBe(400);
    expect(short.text).toMatch(/id="password-error"[^>]*>至少 10 个字/);
    const nonsense = await web.submit('/register', { account: 'not a phone', password: PASSWORD });
    expect(nonsense.text).toMatch(/id="account-error"[^>]*>请输入 11 位手机号或邮箱地址/);
    const unstorable = await web.submit('/register', {
      account: '13907710104',
      password: PASSWORD,
      displayName: 'nul\u0000name',
    });
    expect(unstorable.status).toBeLessThan(500);
    expect(await web.page('/')).not.toContain('href="/account"');
  });

  it('changes name, language and notification channels; the next page is English and the API reads them back', async () => {
    const web = webClient(market.api);
    const { auth } = await registered(web);
    const settings = await web.page('/account/settings');
    expect(settings).toContain('name="pref.orders.sms"');
    expect(settings).toMatch(/name="pref\.orders\.sms" value="on" checked/);

    const all = ['orders', 'payments', 'shipping', 'training'].flatMap((c) =>
      ['in_app', 'sms', 'email'].map((ch) => `${c}.${ch}`),
    );
    const ticked = all.filter((key) => key !== 'orders.sms' && key !== 'shipping.email');
    const saved = await web.submit('/account/settings', {
      displayName: 'Tom from Guangzhou',
      locale: 'en',
      ...Object.fromEntries(ticked.map((key) => [`pref.${key}`, 'on'])),
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe('/account/settings?saved=1');
    const after = await web.page('/account/settings?saved=1');
    expect(after).toContain('<html lang="en">');
    expect(after).toContain('Settings saved');
    expect(after).not.toMatch(/name="pref\.orders\.sms" value="on" checked/);
    const home = await web.page('/');
    expect(home).toContain('<html lang="en">');
    expect(home).toContain('Cart');

    const me = await market.api.http().get('/api/v1/me').set(auth).expect(200);
    expect(me.body).toMatchObject({ displayName: 'Tom from Guangzhou', locale: 'en' });
    const prefs = await market.api.http().get('/api/v1/me/notification-preferences').set(auth).expect(200);
    const off = (prefs.body.preferences as Array<{ category: string; channel: string; enabled: boolean }>)
      .filter((p) => !p.enabled)
      .map((p) => `${p.category}.${p.channel}`);
    expect(off.sort()).toEqual(['orders.sms', 'shipping.email']);

    // The same change through the JSON API.
    const patched = await market.api
      .http()
      .patch('/api/v1/me')
      .set(auth)
      .send({ displayName: null, locale: 'zh-CN' })
      .expect(200);
    expect(patched.body).toMatchObject({ displayName: null, locale: 'zh-CN' });
    await market.api.http().patch('/api/v1/me').set(auth).send({}).expect(400);
    await market.api.http().patch('/api/v1/me').set(auth).send({ locale: 'fr' }).expect(400);
    expect(await web.page('/')).toContain('<html lang="zh-CN">');

    const tooLong = await web.submit('/account/settings', { displayName: 'x'.repeat(51), locale: 'zh-CN' });
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).toMatch(/id="displayName-error"[^>]*>最多 50 个字/);
  });

  it('lists notifications with the unread ones marked; reading one and then all clears the badge', async () => {
    const web = webClient(market.api);
    const { id } = await registered(web);
    const requests = market.api.app.get(NotificationRequestsService);
    const notify = (trackingNumber: string) =>
      market.api.app.get(DataSource).transaction((em) =>
        requests.create(
          em,
          { id: randomUUID(), occurredAt: new Date() },
          {
            kind: 'shipment.shipped',
            recipientUserId: id,
            params: { orderNumber: 'FR20261201A1B2C3', carrier: '顺丰速运', carrierEn: 'SF Express', trackingNumber },
          },
        ),
      );
    await notify('SF1000000000001');
    await notify('SF1000000000002');

    const home = await web.page('/');
    expect(home).toMatch(/class="badge"[^>]*>2</);
    const inbox = await web.page('/inbox');
    expect(inbox).toContain('订单已发货');
    expect(inbox.indexOf('SF1000000000002')).toBeLessThan(inbox.indexOf('SF1000000000001'));
    expect(inbox.match(/class="tag">未读</g)).toHaveLength(2);
    const ids = [...inbox.matchAll(/id="notification-([0-9a-f-]{36})"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(2);

    // Someone else cannot read them.
    const stranger = webClient(market.api);
    await registered(stranger);
    await stranger.page('/inbox');
    expect((await stranger.submit(`/inbox/${ids[0]}/read`, {})).status).toBe(404);

    // htmx: the item swapped in place, the header's badge out of band.
    const swapped = await web.agent
      .post(`/inbox/${ids[0]}/read`)
      .set('hx-request', 'true')
      .set('x-csrf-token', web.csrfToken())
      .expect(200);
    expect(swapped.text).not.toContain('<html');
    expect(swapped.text).toContain(`id="notification-${ids[0]}"`);
    expect(swapped.text).not.toContain('class="tag">未读<');
    expect(swapped.text).toMatch(/id="nav-inbox"[^>]*hx-swap-oob="true"/);
    expect(swapped.text).toMatch(/class="badge"[^>]*>1</);

    const all = await web.submit('/inbox/read-all', { next: '/inbox' });
    expect(all.status).toBe(303);
    expect(all.headers.location).toBe('/inbox');
    const read = await web.page('/inbox');
    expect(read).not.toContain('class="tag">未读<');
    expect(read).not.toContain('class="badge"');
    expect(read).toContain('SF1000000000001');
  });

  it('pages the inbox with a "more" link, twenty at a time', async () => {
    const web = webClient(market.api);
    const { id } = await registered(web);
    const requests = market.api.app.get(NotificationRequestsService);
    for (let i = 1; i <= 21; i++) {
      await market.api.app.get(DataSource).transaction((em) =>
        requests.create(
          em,
          { id: randomUUID(), occurredAt: new Date(Date.now() - (21 - i) * 1000) },
          {
            kind: 'order.paid',
            recipientUserId: id,
            params: { orderNumber: `FR2026120100${100 + i}`, amountFen: 3990 },
          },
        ),
      );
    }
    const first = await web.page('/inbox');
    expect(first.match(/class="inbox-item/g)).toHaveLength(20);
    expect(first).toContain('FR2026120100121');
    expect(first).not.toContain('FR2026120100101');
    const more = /href="(\/inbox\?cursor[^"]+)"/.exec(first)![1].replace(/&#x3D;/g, '=');
    const second = await web.page(more);
    expect(second.match(/class="inbox-item/g)).toHaveLength(1);
    expect(second).toContain('FR2026120100101');
    expect(second).toContain('href="/inbox"');
    await web.page('/inbox?cursor=not-a-cursor', 400);
  });

  it('sends a stranger from the account pages to the login page and back', async () => {
    const web = webClient(market.api);
    for (const path of ['/account', '/account/settings', '/inbox']) {
      const response = await web.agent.get(path).expect(303);
      expect(response.headers.location).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
  });
});

import { DataSource } from 'typeorm';
import { startFakeAliyunSms } from '../utils/fake-aliyun-sms';
import { startTestApi, TestApi } from '../utils/test-api';
import { createTestDatabase, TestDatabase } from '../utils/test-database';
import { useTestEnvironment } from '../utils/test-env';

describe('phone login by SMS code', () => {
  let db: TestDatabase;
  let api: TestApi;
  let sms: Awaited<ReturnType<typeof startFakeAliyunSms>>;

  beforeAll(async () => {
    sms = await startFakeAliyunSms();
    db = await createTestDatabase();
    useTestEnvironment(db, { ...sms.env(), TRUST_PROXY: 'true' });
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
    await sms?.close();
  });

  const requestCode = (phone: string, ip = '203.0.113.7') =>
    api.http().post('/api/v1/auth/phone/code').set('x-forwarded-for', ip).send({ phone });
  const lastCodeFor = (mobile: string) => sms.sent.filter((m) => m.phoneNumbers === mobile).at(-1)!.params.code;

  it('sends a code through Aliyun and logs a new number in as a buyer', async () => {
    const res = await requestCode('139 0771 0001').expect(202);
    expect(res.body).toEqual({ expiresIn: 300, resendAfter: 60 });
    const message = sms.sent.at(-1)!;
    expect(message).toMatchObject({ phoneNumbers: '13907710001', signName: '田间好物', templateCode: 'SMS_100000001' });
    expect(message.params.code).toMatch(/^\d{6}$/);
    expect(message.outId).toBeDefined();

    // The code is stored hashed, never as sent.
    const [row]: Array<{ code_hash: Buffer }> = await api.app
      .get(DataSource)
      .query(`SELECT code_hash FROM phone_login_codes`);
    expect(row.code_hash.toString('utf8')).not.toContain(message.params.code);

    const login = await api
      .http()
      .post('/api/v1/auth/phone/login')
      .send({ phone: '+8613907710001', code: message.params.code })
      .expect(200);
    expect(login.body).toMatchObject({ tokenType: 'Bearer', newAccount: true });
    const me = await api.http().get('/api/v1/me').set('authorization', `Bearer ${login.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ phone: '+8613907710001', roles: ['buyer'], email: null });

    // A code is single use.
    await api
      .http()
      .post('/api/v1/auth/phone/login')
      .send({ phone: '+8613907710001', code: message.params.code })
      .expect(401);
  });

  it('logs an existing account in with its phone, without creating another', async () => {
    const registered = await api
      .http()
      .post('/api/v1/auth/register')
      .send({ phone: '13907710002', password: 'golden-tea-2026' })
      .expect(201);
    await requestCode('13907710002').expect(202);
    const login = await api
      .http()
      .post('/api/v1/auth/phone/login')
      .send({ phone: '13907710002', code: lastCodeFor('13907710002') })
      .expect(200);
    expect(login.body.newAccount).toBe(false);
    const me = await api.http().get('/api/v1/me').set('authorization', `Bearer ${login.body.accessToken}`).expect(200);
    expect(me.body.id).toBe(registered.body.id);
  });

  it('refuses wrong codes, and after five tries even the right one', async () => {
    await requestCode('13907710003').expect(202);
    const code = lastCodeFor('13907710003');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++) {
      const res = await api.http().post('/api/v1/auth/phone/login').send({ phone: '13907710003', code: wrong });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('INVALID_CODE');
    }
    const fifth = await api.http().post('/api/v1/auth/phone/login').send({ phone: '13907710003', code: wrong });
    expect(fifth.body.code).toBe('OTP_ATTEMPTS_EXHAUSTED');
    const right = await api.http().post('/api/v1/auth/phone/login').send({ phone: '13907710003', code });
    expect(right.status).toBe(401);
  });

  it('expires codes after five minutes', async () => {
    await requestCode('13907710004').expect(202);
    await api.app
      .get(DataSource)
      .query(`UPDATE phone_login_codes SET expires_at = now() - interval '1 second' WHERE phone = $1`, [
        '+8613907710004',
      ]);
    const res = await api
      .http()
      .post('/api/v1/auth/phone/login')
      .send({ phone: '13907710004', code: lastCodeFor('13907710004') });
    expect(res.status).toBe(401);
  });

  it('limits sending per number and per client address', async () => {
    await requestCode('13907710005').expect(202);
    const again = await requestCode('13907710005');
    expect(again.status).toBe(429);
    expect(again.body.code).toBe('OTP_RATE_LIMITED');

    const ip = '198.51.100.20';
    for (let i = 0; i < 30; i++) await requestCode(`1380771${String(1000 + i)}`, ip).expect(202);
    const blocked = await requestCode('13807719999', ip);
    expect(blocked.status).toBe(429);
  });

  it('validates the number and the code', async () => {
    const notMobile = await requestCode('010-12345678');
    expect(notMobile.status).toBe(400);
    const shortCode = await api.http().post('/api/v1/auth/phone/login').send({ phone: '13907710001', code: '12' });
    expect(shortCode.status).toBe(400);
    expect(shortCode.body.code).toBe('VALIDATION_FAILED');
  });

  it('reports a provider refusal as 422 and does not leave a usable code', async () => {
    sms.failNext.push('isv.BUSINESS_LIMIT_CONTROL');
    const res = await requestCode('13907710006');
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('SMS_NOT_SENT');
    expect(JSON.stringify(res.body)).not.toContain('13907710006');
    const rows: Array<{ consumed_at: Date | null }> = await api.app
      .get(DataSource)
      .query(`SELECT consumed_at FROM phone_login_codes WHERE phone = '+8613907710006'`);
    expect(rows).toHaveLength(1);
    expect(rows[0].consumed_at).not.toBeNull();
  });
});

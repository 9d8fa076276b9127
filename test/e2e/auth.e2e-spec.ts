import { registerUser, loginUser } from '../factories/user.factory';
import { startTestApi, TestApi } from '../utils/test-api';
import { createTestDatabase, TestDatabase } from '../utils/test-database';
import { useTestEnvironment } from '../utils/test-env';

describe('accounts over HTTP', () => {
  let db: TestDatabase;
  let api: TestApi;
  const admin = { email: 'root@furrow.test', password: 'root-password-123' };

  beforeAll(async () => {
    db = await createTestDatabase();
    useTestEnvironment(db, {
      SUPERADMIN_EMAIL: admin.email,
      SUPERADMIN_PASSWORD: admin.password,
      LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: '3',
    });
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('registers, logs in, refreshes and reads /me', async () => {
    const res = await api
      .http()
      .post('/api/v1/auth/register')
      .send({ phone: '138-0013-8000', password: 'mango-season-2026', displayName: '田阳芒果合作社' })
      .expect(201);
    expect(res.body).toMatchObject({ phone: '+8613800138000', email: null, roles: ['buyer'], locale: 'zh-CN' });
    expect(res.body.passwordHash).toBeUndefined();

    const login = await api
      .http()
      .post('/api/v1/auth/login')
      .send({ phone: '+8613800138000', password: 'mango-season-2026' })
      .expect(200);
    expect(login.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });

    const refreshed = await api
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: login.body.refreshToken })
      .expect(200);
    expect(refreshed.body.refreshToken).not.toEqual(login.body.refreshToken);

    const me = await api.http().get('/api/v1/me').set('authorization', `Bearer ${refreshed.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: res.body.id, displayName: '田阳芒果合作社' });
  });

  it('refuses a duplicate account with 409', async () => {
    const user = await registerUser(api);
    const res = await api
      .http()
      .post('/api/v1/auth/register')
      .send({ email: user.email.toUpperCase(), password: 'x'.repeat(12) });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('EMAIL_TAKEN');
  });

  it('rejects bad input with field paths, and unknown fields such as roles', async () => {
    const res = await api
      .http()
      .post('/api/v1/auth/register')
      .send({ phone: '12345', password: 'short', roles: ['admin'] })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const paths = (res.body.details.issues as Array<{ path: string }>).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['phone', 'password']));
    expect(JSON.stringify(res.body.details)).toContain('roles');
  });

  it('revokes the whole login when a spent refresh token is presented again', async () => {
    const user = await registerUser(api);
    const first = await loginUser(api, user);
    const second = await api.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200);

    const replay = await api.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('REFRESH_TOKEN_REUSED');

    // The thief's replay ended the family: the legitimate newer token and its access token die too.
    const afterReuse = await api.http().post('/api/v1/auth/refresh').send({ refreshToken: second.body.refreshToken });
    expect(afterReuse.status).toBe(401);
    expect(afterReuse.body.code).toBe('SESSION_ENDED');
    await api.http().get('/api/v1/me').set('authorization', `Bearer ${second.body.accessToken}`).expect(401);

    // Another login of the same account is untouched.
    const other = await loginUser(api, user);
    await api.http().get('/api/v1/me').set('authorization', `Bearer ${other.accessToken}`).expect(200);
  });

  it('logs out: the refresh token and the access token stop working', async () => {
    const user = await registerUser(api);
    const tokens = await loginUser(api, user);
    await api.http().post('/api/v1/auth/logout').send({ refreshToken: tokens.refreshToken }).expect(204);
    await api.http().get('/api/v1/me').set('authorization', `Bearer ${tokens.accessToken}`).expect(401);
    const res = await api.http().post('/api/v1/auth/refresh').send({ refreshToken: tokens.refreshToken });
    expect(res.status).toBe(401);
  });

  it('answers 401 with a code for missing, forged and unknown tokens', async () => {
    const none = await api.http().get('/api/v1/me').expect(401);
    expect(none.body.code).toBe('UNAUTHENTICATED');
    await api.http().get('/api/v1/me').set('authorization', 'Bearer not.a.jwt').expect(401);
    const wrong = await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'nobody@furrow.test', password: 'whatever-123' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('rate-limits login attempts per account', async () => {
    const user = await registerUser(api);
    for (let i = 0; i < 3; i++) {
      await api.http().post('/api/v1/auth/login').send({ email: user.email, password: 'wrong-password' }).expect(401);
    }
    const blocked = await api.http().post('/api/v1/auth/login').send({ email: user.email, password: user.password });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('LOGIN_RATE_LIMITED');
    expect(blocked.body.details.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('lets only an admin grant roles; nobody grants themselves one', async () => {
    const user = await registerUser(api);
    const tokens = await loginUser(api, user);
    const auth = { authorization: `Bearer ${tokens.accessToken}` };

    const self = await api
      .http()
      .post(`/api/v1/admin/users/${user.id}/roles`)
      .set(auth)
      .send({ roles: ['admin'] });
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('FORBIDDEN');
    await api
      .http()
      .get('/api/v1/me')
      .set(auth)
      .expect(200)
      .expect((r) => expect(r.body.roles).toEqual(['buyer']));

    const root = await loginUser(api, admin);
    const rootAuth = { authorization: `Bearer ${root.accessToken}` };
    const granted = await api
      .http()
      .post(`/api/v1/admin/users/${user.id}/roles`)
      .set(rootAuth)
      .send({ roles: ['seller', 'trainer'] })
      .expect(201);
    expect(granted.body.roles).toEqual(['buyer', 'seller', 'trainer']);
    // The change shows on the user's next request; no new login needed.
    await api
      .http()
      .get('/api/v1/me')
      .set(auth)
      .expect((r) => expect(r.body.roles).toContain('seller'));

    await api.http().delete(`/api/v1/admin/users/${user.id}/roles/trainer`).set(rootAuth).expect(200);
    await api
      .http()
      .post(`/api/v1/admin/users/${user.id}/roles`)
      .set(rootAuth)
      .send({ roles: ['buyer'] })
      .expect(400);
    await api
      .http()
      .post('/api/v1/admin/users/00000000-0000-4000-8000-000000000000/roles')
      .set(rootAuth)
      .send({ roles: ['seller'] })
      .expect(404);
  });

  it('lists users for admins with a capped, cursor-paginated page', async () => {
    const root = await loginUser(api, admin);
    const rootAuth = { authorization: `Bearer ${root.accessToken}` };
    await api.http().get('/api/v1/admin/users?limit=500').set(rootAuth).expect(400);
    await api.http().get('/api/v1/admin/users?cursor=garbage').set(rootAuth).expect(400);
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await api
        .http()
        .get('/api/v1/admin/users')
        .query({ limit: 2, ...(cursor ? { cursor } : {}) })
        .set(rootAuth)
        .expect(200);
      for (const u of page.body.items as Array<{ id: string }>) seen.add(u.id);
      cursor = page.body.nextCursor;
    } while (cursor);
    const total = await api.http().get('/api/v1/admin/users?limit=100').set(rootAuth).expect(200);
    expect(seen.size).toBe(total.body.items.length);
  });
});

import { startTestApi, TestApi } from '../utils/test-api';
import { createTestDatabase, TestDatabase } from '../utils/test-database';
import { useTestEnvironment } from '../utils/test-env';

describe('health, API docs and the HTTP contract', () => {
  let db: TestDatabase;
  let api: TestApi;

  beforeAll(async () => {
    db = await createTestDatabase();
    useTestEnvironment(db, { BODY_LIMIT_BYTES: '2048', CORS_ORIGINS: 'https://shop.furrow.test' });
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('answers liveness and readiness', async () => {
    await api.http().get('/health').expect(200);
    const ready = await api.http().get('/health/ready').expect(200);
    expect(ready.body.info).toMatchObject({
      database: { status: 'up' },
      queue: { status: 'up' },
      migrations: { status: 'up' },
    });
  });

  it('serves the OpenAPI document and the docs page', async () => {
    const doc = await api.http().get('/api/openapi.json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/register',
        '/api/v1/auth/login',
        '/api/v1/me',
        '/api/v1/admin/users/{id}/roles',
      ]),
    );
    const register = doc.body.paths['/api/v1/auth/register'].post;
    expect(JSON.stringify(register.requestBody)).toContain('password');
    await api.http().get('/api/docs').expect(200).expect('content-type', /html/);
  });

  it('gives unknown routes a 404 with a code', async () => {
    const res = await api.http().get('/api/v1/no-such-thing').expect(404);
    expect(res.body.code).toBe('ROUTE_NOT_FOUND');
  });

  it('refuses bodies over the limit and malformed JSON with codes', async () => {
    const big = await api
      .http()
      .post('/api/v1/auth/register')
      .send({ email: 'a@b.cn', password: 'x'.repeat(4000) });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
    const bad = await api.http().post('/api/v1/auth/login').set('content-type', 'application/json').send('{"email":');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INVALID_JSON');
  });

  it('sets security headers and allows only configured origins', async () => {
    const res = await api.http().get('/health').set('origin', 'https://shop.furrow.test');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['access-control-allow-origin']).toBe('https://shop.furrow.test');
    const other = await api.http().get('/health').set('origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('echoes the request id it logs under', async () => {
    const res = await api.http().get('/health').set('x-request-id', 'trace-123');
    expect(res.headers['x-request-id']).toBe('trace-123');
  });
});

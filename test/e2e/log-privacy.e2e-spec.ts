import { Client } from 'pg';
import { freePort, SourceProcess, spawnSource } from '../utils/source-process';
import { createTestDatabase, TestDatabase } from '../utils/test-database';
import { useTestEnvironment } from '../utils/test-env';

const EMAIL = 'li.hua.private@furrow-test.cn';
const PHONE = '13912345678';
const PASSWORD = 'golden-tea-secret-2026';
const BEARER = 'Bearer eyJhbGciOiJIUzI1NiJ9.not-a-real-token-but-secret';
const COOKIE = 'session=cookie-secret-value-42';

// The database refuses every new account and quotes the whole row back: in its message,
// in its DETAIL, and (through the driver) in the bound parameters of the failed INSERT.
const REFUSE_USERS = `
  CREATE FUNCTION refuse_new_user() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'refusing % % %', NEW.email, NEW.phone, NEW.password_hash
      USING DETAIL = format('email=%s phone=%s hash=%s', NEW.email, NEW.phone, NEW.password_hash);
  END $$;
  CREATE TRIGGER refuse_new_user BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION refuse_new_user();`;

describe('what a failed query leaves in the logs', () => {
  let db: TestDatabase;
  let api: SourceProcess;
  let base: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const sql = new Client({ connectionString: db.url });
    await sql.connect();
    await sql.query(REFUSE_USERS);
    await sql.end();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // The api as `npm start` runs it, every line it writes captured, at the most talkative level.
    api = spawnSource('src/main.ts', { ...useTestEnvironment(db), LOG_LEVEL: 'debug', PORT: String(port) });
    await api.waitFor('"api started"');
  }, 90_000);

  afterAll(async () => {
    if (api && api.child.exitCode === null) {
      api.child.kill('SIGKILL');
      await api.exited();
    }
    await db?.drop();
  });

  it('carries the error id and the statement, and no e-mail, phone, password or hash', async () => {
    const headers = { 'content-type': 'application/json', authorization: BEARER, cookie: COOKIE };
    const errorIds: string[] = [];
    for (const contact of [{ email: EMAIL }, { phone: PHONE }]) {
      const res = await fetch(`${base}/api/v1/auth/register`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ ...contact, password: PASSWORD }),
      });
      expect(res.status).toBe(500);
      const body = (await res.json()) as { code: string; errorId: string };
      expect(body.code).toBe('INTERNAL_ERROR');
      errorIds.push(body.errorId);
    }
    // Personal data in a URL, and a failed login naming an account.
    await fetch(`${base}/api/v1/products?q=${encodeURIComponent(EMAIL)}&contact=${PHONE}`, { headers });
    await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    await api.waitFor('/api/v1/auth/login');
    api.child.kill('SIGTERM');
    await api.exited();

    const logged = api.output();
    for (const errorId of errorIds) {
      const line = logged.split('\n').find((l) => l.includes(errorId) && l.includes('unhandled error'));
      expect(line).toBeDefined();
      // The statement is there, with placeholders; the refusal's code and where it came from too.
      expect(line).toContain('INSERT INTO \\"users\\"');
      expect(line).toContain('"code":"P0001"');
    }
    const forbidden = [
      EMAIL,
      encodeURIComponent(EMAIL),
      PHONE,
      `+86${PHONE}`,
      PASSWORD,
      '$argon2',
      'not-a-real-token-but-secret',
      'cookie-secret-value-42',
    ];
    for (const secret of forbidden)
      expect({ secret, found: logged.includes(secret) }).toEqual({ secret, found: false });
    // Those requests were logged (the absence above is not an empty log), with the values masked.
    expect(logged).toContain('"url":"/api/v1/products?q=[redacted]&contact=[redacted]"');
  });
});

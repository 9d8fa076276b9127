import { scrubText, serializeError } from '../../src/app/log-scrub';

describe('what may reach a log line', () => {
  it('masks e-mails, phones and hashes in text, raw or URL-encoded, and keeps the rest', () => {
    expect(scrubText('/api/v1/users?email=li.hua%40farm.cn&phone=%2B8613912345678&limit=20')).toBe(
      '/api/v1/users?email=[redacted]&phone=[redacted]&limit=20',
    );
    expect(scrubText('refused li.hua@farm.cn +86 139 1234 5678 $argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA')).toBe(
      'refused [redacted] [redacted] [redacted]',
    );
    expect(scrubText('invalid input syntax for type uuid: "13912345678"')).toBe(
      'invalid input syntax for type uuid: [redacted]',
    );
    expect(scrubText('Key (email)=(li.hua@farm.cn) already exists.')).toBe('Key (email)=[redacted] already exists.');
    const kept = 'duplicate key value violates unique constraint "users_email_key" at orders.service.ts:120:7';
    expect(scrubText(kept)).toBe(kept);
  });

  it("keeps a failed query's statement and names, and drops its bound values and row detail", () => {
    const error = Object.assign(new Error('null value in column "phone" violates not-null constraint'), {
      name: 'QueryFailedError',
      query: 'INSERT INTO "users"("email", "phone") VALUES ($1, $2)',
      parameters: ['li.hua@farm.cn', 'secret-value'],
      driverError: { detail: 'Failing row contains (li.hua@farm.cn, secret-value).' },
      detail: 'Failing row contains (li.hua@farm.cn, secret-value).',
      where: 'PL/pgSQL function refuse() line 3 at RAISE: secret-value',
      code: '23502',
      table: 'users',
      column: 'phone',
    });
    const logged = serializeError(error) as Record<string, unknown>;
    expect(logged).toMatchObject({
      type: 'QueryFailedError',
      code: '23502',
      table: 'users',
      column: 'phone',
      query: 'INSERT INTO "users"("email", "phone") VALUES ($1, $2)',
    });
    expect(JSON.stringify(logged)).not.toMatch(/secret-value|li\.hua/);
    // pino-http hands over its own copy with the original under `raw`: same result.
    const copy = { ...error, type: 'QueryFailedError', message: error.message, raw: error };
    expect(JSON.stringify(serializeError(copy))).not.toMatch(/secret-value|li\.hua/);
  });
});

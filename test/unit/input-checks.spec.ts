import { z } from 'zod';
import { DomainError } from '../../src/common/errors/domain-error';
import { createdKeyOf, decodeCursor, encodeCursor, pageByCreated } from '../../src/common/http/pagination';
import { patchSchema } from '../../src/common/http/patch';
import { assertStorable, findUnstorableText, isStorableText } from '../../src/common/http/storable-text';

const codeOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
  return 'no error';
};

describe('text PostgreSQL can store', () => {
  it.each(['', '田阳芒果', '😀🇨🇳', '\u202eabc', 'e\u0301', '𠜎', '\ud83d\ude00'])('accepts %j', (text) => {
    expect(isStorableText(text)).toBe(true);
  });

  it.each(['\u0000', 'a\u0000', '\ud800', 'a\ud800b', '\udfff', '\ude00\ud83d', '😀\ud800'])('refuses %j', (text) => {
    expect(isStorableText(text)).toBe(false);
  });

  it('finds the first unstorable value or key, however deep', () => {
    expect(findUnstorableText({ a: [1, { b: 'ok' }, { c: 'x\u0000' }] })).toEqual(['a', '2', 'c']);
    expect(findUnstorableText({ ['k\ud800']: 'ok' })).toEqual(['(key)']);
    expect(findUnstorableText({ a: 1, b: [null, true, 'fine'] })).toBeNull();
    expect(codeOf(() => assertStorable('body', { title: '\u0000' }))).toBe('UNSTORABLE_TEXT');
  });
});

describe('cursors', () => {
  const id = '3f0c2a8e-5b7d-4c1e-9a2b-6d4e8f0a1b2c';
  const rows = [1, 2, 3].map((n) => ({ id, createdAt: new Date(Date.UTC(2026, 0, n)) }));

  it('reads back what its own list gave out', () => {
    const page = pageByCreated(rows, 2, 'orders.buyer');
    expect(page.items).toHaveLength(2);
    expect(createdKeyOf(page.nextCursor!, 'orders.buyer')).toEqual({ createdAt: '2026-01-02T00:00:00.000Z', id });
  });

  it("refuses another list's cursor, an altered one and garbage", () => {
    const cursor = pageByCreated(rows, 2, 'orders.buyer').nextCursor!;
    expect(codeOf(() => createdKeyOf(cursor, 'admin.users'))).toBe('INVALID_CURSOR');
    for (const forged of [
      encodeCursor('orders.buyer', { createdAt: 'yesterday', id }),
      encodeCursor('orders.buyer', { createdAt: '2026-02-30T00:00:00.000Z', id }),
      encodeCursor('orders.buyer', { createdAt: '2026-01-02T00:00:00.000Z', id: "1' OR '1'='1" }),
      encodeCursor('orders.buyer', { createdAt: '2026-01-02T00:00:00.000Z', id, extra: 'x' }),
      'not base64 at all',
      Buffer.from('[1,2]').toString('base64url'),
    ]) {
      expect(codeOf(() => createdKeyOf(forged, 'orders.buyer'))).toBe('INVALID_CURSOR');
    }
    expect(
      decodeCursor(encodeCursor('products.relevance', { offset: '40' }), 'products.relevance', {
        offset: z.string().regex(/^\d+$/),
      }),
    ).toEqual({ offset: '40' });
  });
});

describe('patch schemas', () => {
  it('leave out every field not named, and need one', () => {
    const patch = patchSchema({ description: z.string(), photoIds: z.array(z.string()) });
    expect(patch.parse({ description: 'x' })).toEqual({ description: 'x' });
    expect(patch.safeParse({}).success).toBe(false);
    expect(patch.safeParse({ other: 1 }).success).toBe(false);
  });

  it('refuse a default when the module loads', () => {
    expect(() => patchSchema({ description: z.string().default('') })).toThrow(/defaults: description/);
  });
});

import { DomainError } from '../errors/domain-error';
import { z } from 'zod';

export const MAX_PAGE_SIZE = 100;

/** Query of every list endpoint: an opaque cursor and a capped limit. */
export const pageQuerySchema = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodeCursor(values: Record<string, string>): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** The values of a cursor made by encodeCursor; INVALID_CURSOR (400) for anything else. */
export function decodeCursor<K extends string>(cursor: string, keys: readonly K[]): Record<K, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const record = parsed as Record<string, unknown> | null;
  if (!record || typeof record !== 'object' || !keys.every((k) => typeof record[k] === 'string')) {
    throw new DomainError('validation', 'INVALID_CURSOR', 'The cursor is not one this list gave out');
  }
  return record as Record<K, string>;
}

/** Keyset of lists ordered newest first by (created_at, id). */
export interface CreatedKey {
  createdAt: string;
  id: string;
}

export function createdKeyOf(cursor: string | undefined): CreatedKey | undefined {
  return cursor ? decodeCursor(cursor, ['createdAt', 'id']) : undefined;
}

/** The first `limit` of `rows` (fetched with limit + 1) and the cursor of the next page. */
export function pageByCreated<T extends { createdAt: Date; id: string }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor:
      rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null,
  };
}

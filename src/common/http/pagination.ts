import { DomainError } from '../errors/domain-error';
import { z } from 'zod';

export const MAX_PAGE_SIZE = 100;

/** Query of every list endpoint: an opaque cursor and a capped limit. */
export const pageQuerySchema = z.strictObject({
  cursor: z.string().max(300).optional().describe('`nextCursor` of the previous page of this same list'),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Cursors are base64url JSON tagged with the list that gave them out (`list`, e.g.
 * `orders.buyer`); decoding checks the tag and every value's shape, so a tampered cursor,
 * or one from another list, is INVALID_CURSOR (400) and never reaches SQL as a bad value.
 */
export function encodeCursor(list: string, values: Record<string, string>): string {
  return Buffer.from(JSON.stringify({ list, ...values })).toString('base64url');
}

export const invalidCursor = () =>
  new DomainError('validation', 'INVALID_CURSOR', 'The cursor is not one this list gave out');

/** The values of a cursor `list` gave out, checked against `shape`; INVALID_CURSOR for anything else. */
export function decodeCursor<S extends z.ZodRawShape>(
  cursor: string,
  list: string,
  shape: S,
): z.output<z.ZodObject<S>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const result = z.strictObject({ list: z.literal(list), ...shape }).safeParse(parsed);
  if (!result.success) throw invalidCursor();
  const { list: _tag, ...values } = result.data as Record<string, unknown>;
  return values as z.output<z.ZodObject<S>>;
}

/** A timestamp exactly as `Date.toISOString()` writes it (so PostgreSQL can read it back). */
export const cursorTimestamp = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(s) && s >= '1970' && safeIso(s) === s);
/** A non-negative whole number as a string (a price in fen, a count, an offset). */
export const cursorCount = z.string().regex(/^\d{1,15}$/);

function safeIso(s: string): string | null {
  const date = new Date(s);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Keyset of lists ordered newest first by (created_at, id). */
export interface CreatedKey {
  createdAt: string;
  id: string;
}

const createdKeyShape = { createdAt: cursorTimestamp, id: z.uuid() };

export function createdKeyOf(cursor: string | undefined, list: string): CreatedKey | undefined {
  return cursor ? decodeCursor(cursor, list, createdKeyShape) : undefined;
}

/** The first `limit` of `rows` (fetched with limit + 1) and the cursor of the next page of `list`. */
export function pageByCreated<T extends { createdAt: Date; id: string }>(
  rows: T[],
  limit: number,
  list: string,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor:
      rows.length > limit && last ? encodeCursor(list, { createdAt: last.createdAt.toISOString(), id: last.id }) : null,
  };
}

import { DomainError } from '../errors/domain-error';

/**
 * PostgreSQL cannot store NUL in `text` or `jsonb`, and a lone UTF-16 surrogate cannot be
 * encoded as UTF-8 at all: either would reach the driver and come back as a 500. Every
 * string a client sends (body, query, params, object keys, CSV cells) is checked here.
 */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

// Without the `u` flag the pattern sees UTF-16 code units, so it can find a surrogate that has no partner.
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const MAX_DEPTH = 64;

/** The path of the first string in `value` (keys included) PostgreSQL could not store, or null. */
export function findUnstorableText(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path;
  if (value === null || typeof value !== 'object' || path.length > MAX_DEPTH) return null;
  if (Buffer.isBuffer(value)) return null;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (!isStorableText(key)) return [...path, '(key)'];
    const found = findUnstorableText(item, [...path, key]);
    if (found) return found;
  }
  return null;
}

export const unstorableText = (where: string, path: string[]) =>
  new DomainError(
    'validation',
    'UNSTORABLE_TEXT',
    'Text may not contain NUL characters or unpaired UTF-16 surrogates',
    { issues: [{ path: [where, ...path].filter(Boolean).join('.'), message: 'NUL or unpaired surrogate' }] },
  );

/** Refuses a request part (`body`, `query`, `param`) that holds text PostgreSQL cannot store. */
export function assertStorable(where: string, value: unknown): void {
  const found = findUnstorableText(value);
  if (found) throw unstorableText(where, found);
}

/**
 * What may go into a log line about an error or a request: never a bound value of a query,
 * the driver's row detail (`detail`, `where`, `parameters` of pg and TypeORM errors), nor
 * anything that looks like an e-mail, a phone number or a password hash. A log is read by
 * more people, and kept longer, than the rows it talks about.
 */
const PERSONAL_PATTERNS: RegExp[] = [
  // pg quotes the offending value after a colon: `invalid input syntax for type uuid: "…"`.
  /(?<=: )"(?:[^"\\]|\\.)*"/g,
  // A unique violation's `Key (email)=(…)`, should it reach a message.
  /(?<=\)=)\([^)]*\)/g,
  /\$argon2[a-z]*\$[^\s"')]*/gi, // password hashes
  /[^\s"'<>(),;:=&?/]+(?:@|%40)[^\s"'<>(),;:=&?/]+/gi, // e-mail addresses, raw or URL-encoded
  /(?:\+|%2B)?\d[\d -]{5,}\d/gi, // phone numbers (and any long digit run: ids of people, cards)
];

export function scrubText(text: string): string {
  return PERSONAL_PATTERNS.reduce((out, pattern) => out.replace(pattern, '[redacted]'), text);
}

// Fields of pg's DatabaseError that name where it happened, never what was in the row.
const SAFE_FIELDS = ['code', 'severity', 'constraint', 'table', 'column', 'schema', 'dataType', 'routine'] as const;

/**
 * The pino `err` serializer: the error's kind, message and stack, and the statement text only.
 * pino-http hands it pino's own serialization of the error (every enumerable field copied,
 * the original under `raw`), so it picks from either shape and copies nothing it does not know.
 */
export function serializeError(error: unknown, depth = 0): unknown {
  if (typeof error === 'string') return scrubText(error);
  if (typeof error !== 'object' || error === null) return { type: typeof error };
  const raw = (error as { raw?: unknown }).raw;
  const fields = (raw instanceof Error ? raw : error) as unknown as Record<string, unknown>;
  const type = typeof fields.type === 'string' ? fields.type : (fields.name ?? fields.constructor?.name);
  const out: Record<string, unknown> = { type };
  if (typeof fields.message === 'string') out.message = scrubText(fields.message);
  if (typeof fields.stack === 'string') out.stack = scrubText(fields.stack);
  for (const key of SAFE_FIELDS) if (typeof fields[key] === 'string') out[key] = fields[key];
  // The statement with its $1, $2 placeholders; the values bound to them stay out.
  if (typeof fields.query === 'string') out.query = fields.query;
  if (fields.cause !== undefined && depth < 3) out.cause = serializeError(fields.cause, depth + 1);
  return out;
}

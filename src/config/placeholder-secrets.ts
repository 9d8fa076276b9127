/**
 * Production refuses secrets nobody chose: the values `.env.example` ships with, and the
 * usual "change me" stand-ins. A copied example file must not become a live deployment whose
 * tokens anyone who has read the repository can sign.
 */
const PLACEHOLDER =
  /replace|change[-_ ]?me|placeholder|example|your[-_ ]|xxxx|^(secret|password|minioadmin|furrow|test|admin)$/i;

/** Variables holding secrets, checked when NODE_ENV=production and the variable is set. */
export const SECRET_VARIABLES = [
  'JWT_SECRET',
  'SUPERADMIN_PASSWORD',
  'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET',
  'SMS_ALIYUN_ACCESS_KEY_SECRET',
  'S3_SECRET_ACCESS_KEY',
  'KUAIDI100_KEY',
  'KUAIDI100_SALT',
  'METRICS_TOKEN',
] as const;

export function isPlaceholderSecret(value: string): boolean {
  if (PLACEHOLDER.test(value)) return true;
  // One character repeated, or a short cycle (`aaaa…`, `abcabc…`): typed, not generated.
  return new Set(value).size < Math.min(8, value.length);
}

/** The SMTP URL's password, if it has one. */
export function smtpPassword(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

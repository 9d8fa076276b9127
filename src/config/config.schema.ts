import { z } from 'zod';
import { isPlaceholderSecret, SECRET_VARIABLES, smtpPassword } from './placeholder-secrets';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * `{"shipment.shipped": "SMS_200000001", ...}` → a map. Config knows no notification kinds (it
 * imports no feature module): the notifications module rejects unknown kinds at boot.
 */
function parseSmsTemplates(raw: string | undefined, ctx: z.RefinementCtx): Record<string, string> {
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return z.record(z.string().min(1), z.string().trim().min(1).max(64)).parse(parsed);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be a JSON object of notification kinds to SMS template codes' });
    return {};
  }
}

const optionalUrl = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

/** Every environment variable Furrow reads. README's configuration table mirrors this schema. */
export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().default('0.0.0.0'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

    DATABASE_URL: optionalUrl,
    DATABASE_POOL_SIZE: positiveInt(10),
    DATABASE_ACQUIRE_TIMEOUT_MS: positiveInt(2_000).describe('longest wait for a pooled connection before a 503'),
    DATABASE_STATEMENT_TIMEOUT_MS: positiveInt(15_000).describe('PostgreSQL statement_timeout of every connection'),
    DATABASE_LOCK_TIMEOUT_MS: positiveInt(5_000).describe('PostgreSQL lock_timeout of every connection'),
    REDIS_URL: optionalUrl,
    QUEUE_PREFIX: z.string().default('{furrow}'),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
    EMBEDDED_PG_DATA_DIR: z
      .string()
      .trim()
      .min(1)
      .default('var/pg')
      .describe('data directory of the embedded PostgreSQL'),

    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    ACCESS_TOKEN_TTL_SECONDS: positiveInt(900),
    REFRESH_TOKEN_TTL_DAYS: positiveInt(30),

    SUPERADMIN_EMAIL: z.email().optional(),
    SUPERADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),

    LOGIN_RATE_WINDOW_SECONDS: positiveInt(900),
    LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: positiveInt(10),
    LOGIN_MAX_ATTEMPTS_PER_IP: positiveInt(100),
    REGISTRATION_RATE_WINDOW_SECONDS: positiveInt(3600),
    REGISTRATION_MAX_PER_ADDRESS: positiveInt(30),

    CORS_ORIGINS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    BODY_LIMIT_BYTES: positiveInt(1_048_576),
    TRUST_PROXY: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),

    MEDIA_STORAGE: z.enum(['local', 's3']).default('local'),
    MEDIA_LOCAL_DIR: z.string().default('var/media'),
    MEDIA_MAX_UPLOAD_BYTES: positiveInt(8 * 1024 * 1024),
    S3_ENDPOINT: optionalUrl,
    S3_REGION: z.string().default('us-east-1'),
    S3_BUCKET: z.string().optional(),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    S3_FORCE_PATH_STYLE: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),

    STRIPE_SECRET_KEY: z.string().startsWith('sk_', 'must be a Stripe secret key (sk_…)').optional(),
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .startsWith('whsec_', 'must be a Stripe webhook signing secret (whsec_…)')
      .optional(),
    STRIPE_API_BASE: optionalUrl,
    STRIPE_PUBLISHABLE_KEY: z.string().startsWith('pk_', 'must be a Stripe publishable key (pk_…)').optional(),
    PAYOUT_RETRY_MINUTES: positiveInt(5),

    SMS_ALIYUN_ACCESS_KEY_ID: z.string().optional(),
    SMS_ALIYUN_ACCESS_KEY_SECRET: z.string().optional(),
    SMS_ALIYUN_ENDPOINT: z.url().default('https://dysmsapi.aliyuncs.com'),
    SMS_SIGN_NAME: z.string().optional().describe('The approved signature, e.g. 田间好物'),
    SMS_TEMPLATE_LOGIN_CODE: z
      .string()
      .optional()
      .describe('The approved verification-code template, e.g. SMS_123456789'),

    SMS_TEMPLATES: z
      .string()
      .optional()
      .transform((raw, ctx) => parseSmsTemplates(raw, ctx))
      .describe('JSON object: notification kind → approved SMS template code'),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .optional()
      .describe('smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465; unset: no e-mail'),
    SMTP_FROM: z.string().min(3).default('Furrow <no-reply@furrow.local>').describe('From: of notification e-mail'),

    COMMISSION_RATE_BPS: z.coerce.number().int().min(0).max(10_000).default(500),
    ORDER_PAYMENT_TIMEOUT_MINUTES: positiveInt(15),
    LIVE_ORDER_PAYMENT_TIMEOUT_MINUTES: positiveInt(10),
    OFFLINE_PAYMENT_TIMEOUT_HOURS: positiveInt(72),
    ORDER_EXPIRY_SWEEP_SECONDS: positiveInt(30),
    ORDER_AUTO_COMPLETE_DAYS: positiveInt(7),
    PAYABLE_HOLD_DAYS: z.coerce.number().int().min(0).max(90).default(7),
    SHIPPING_DEADLINE_GRACE_HOURS: z.coerce.number().int().min(0).max(72).default(2),
    CHECKOUT_MAX_UNPAID_ORDERS: positiveInt(10),
    CHECKOUT_MAX_UNPAID_ORDERS_PER_VARIANT: positiveInt(3),
    CHECKOUT_RATE_WINDOW_SECONDS: positiveInt(600),
    CHECKOUT_MAX_PER_BUYER: positiveInt(30),
    BANK_TRANSFER_ACCOUNT_NAME: z.string().trim().min(1).max(100).optional(),
    BANK_TRANSFER_BANK_NAME: z.string().trim().min(1).max(100).optional(),
    BANK_TRANSFER_ACCOUNT_NUMBER: z.string().trim().min(1).max(40).optional(),
    PAYABLE_RELEASE_SWEEP_MINUTES: positiveInt(10),
    ORDER_AUTO_COMPLETE_SWEEP_MINUTES: positiveInt(10),
    COD_CASH_REMINDER_DAYS: positiveInt(3),
    TRAINING_TIMER_SWEEP_SECONDS: positiveInt(60),
    TRAINING_SEAT_HOLD_HOURS: positiveInt(24),
    LIVE_TIMER_SWEEP_SECONDS: positiveInt(60),
    LIVE_SESSION_OVERRUN_MINUTES: positiveInt(30),
    LIVE_CHECKOUT_CONCURRENCY: positiveInt(4),

    KUAIDI100_CUSTOMER: z.string().optional(),
    KUAIDI100_KEY: z.string().optional(),
    KUAIDI100_API_BASE: z.url().default('https://poll.kuaidi100.com'),
    KUAIDI100_CALLBACK_URL: z
      .url()
      .optional()
      .describe('Our public address of POST /api/v1/logistics/webhooks/kuaidi100, given to Kuaidi100 at subscription'),
    KUAIDI100_SALT: z
      .string()
      .min(16, 'must be at least 16 characters')
      .optional()
      .describe('The salt Kuaidi100 signs every push with (MD5 of param + salt)'),
    TRACKING_POLL_INTERVAL_MINUTES: positiveInt(30),

    OUTBOX_POLL_INTERVAL_MS: positiveInt(250),
    OUTBOX_SWEEP_INTERVAL_MS: positiveInt(15_000),
    OUTBOX_REDISPATCH_AFTER_MS: positiveInt(60_000),

    METRICS_TOKEN: z
      .string()
      .min(16, 'must be at least 16 characters')
      .optional()
      .describe('Bearer token Prometheus must send to GET /metrics; unset: /metrics is open (private network only)'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production') refusePlaceholders(env, ctx);
    if (env.MEDIA_STORAGE === 's3') {
      for (const key of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
        if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required when MEDIA_STORAGE=s3' });
      }
    }
    if (Boolean(env.STRIPE_SECRET_KEY) !== Boolean(env.STRIPE_WEBHOOK_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.STRIPE_SECRET_KEY ? 'STRIPE_WEBHOOK_SECRET' : 'STRIPE_SECRET_KEY'],
        message: 'STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are set together or not at all',
      });
    }
    const sms = [
      'SMS_ALIYUN_ACCESS_KEY_ID',
      'SMS_ALIYUN_ACCESS_KEY_SECRET',
      'SMS_SIGN_NAME',
      'SMS_TEMPLATE_LOGIN_CODE',
    ] as const;
    if (sms.some((k) => env[k]) && !sms.every((k) => env[k])) {
      for (const key of sms.filter((k) => !env[k])) {
        ctx.addIssue({ code: 'custom', path: [key], message: `is required with the other ${sms.join(', ')}` });
      }
    }
    const bank = ['BANK_TRANSFER_ACCOUNT_NAME', 'BANK_TRANSFER_BANK_NAME', 'BANK_TRANSFER_ACCOUNT_NUMBER'] as const;
    if (bank.some((k) => env[k]) && !bank.every((k) => env[k])) {
      for (const key of bank.filter((k) => !env[k])) {
        ctx.addIssue({ code: 'custom', path: [key], message: `is required with the other ${bank.join(', ')}` });
      }
    }
    if (Boolean(env.KUAIDI100_CUSTOMER) !== Boolean(env.KUAIDI100_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: ['KUAIDI100_KEY'],
        message: 'KUAIDI100_CUSTOMER and KUAIDI100_KEY are set together or not at all',
      });
    }
    if (Boolean(env.KUAIDI100_CALLBACK_URL) !== Boolean(env.KUAIDI100_SALT)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.KUAIDI100_CALLBACK_URL ? 'KUAIDI100_SALT' : 'KUAIDI100_CALLBACK_URL'],
        message: 'KUAIDI100_CALLBACK_URL and KUAIDI100_SALT are set together or not at all',
      });
    }
    if (env.KUAIDI100_CALLBACK_URL && !env.KUAIDI100_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['KUAIDI100_KEY'],
        message: 'is required to subscribe to Kuaidi100 pushes',
      });
    }
    if (Boolean(env.SUPERADMIN_EMAIL) !== Boolean(env.SUPERADMIN_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.SUPERADMIN_EMAIL ? 'SUPERADMIN_PASSWORD' : 'SUPERADMIN_EMAIL'],
        message: 'SUPERADMIN_EMAIL and SUPERADMIN_PASSWORD are set together or not at all',
      });
    }
  });

export type Env = z.infer<typeof configSchema>;

const GENERATE = 'generate one, e.g. `openssl rand -hex 32`';

function refusePlaceholders(env: Env, ctx: z.RefinementCtx): void {
  if (!env.JWT_SECRET)
    ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: `is required in production: ${GENERATE}` });
  for (const key of SECRET_VARIABLES) {
    const value = env[key];
    if (value && isPlaceholderSecret(value)) {
      ctx.addIssue({ code: 'custom', path: [key], message: `is a placeholder (like .env.example's); ${GENERATE}` });
    }
  }
  const smtp = env.SMTP_URL && smtpPassword(env.SMTP_URL);
  if (smtp && isPlaceholderSecret(smtp)) {
    ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'carries a placeholder password' });
  }
}

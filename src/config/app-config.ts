import { randomBytes } from 'node:crypto';
import { configSchema, Env } from './config.schema';

export class ConfigError extends Error {}

/** Buyers must never be sent to a demo account in production, so there it is all three or nothing. */
function bankTransferAccountOf(env: Env): AppConfig['orders']['bankTransferAccount'] {
  const { BANK_TRANSFER_ACCOUNT_NAME: accountName, BANK_TRANSFER_BANK_NAME: bankName } = env;
  const accountNumber = env.BANK_TRANSFER_ACCOUNT_NUMBER;
  if (accountName && bankName && accountNumber) return { accountName, bankName, accountNumber };
  if (env.NODE_ENV === 'production') return undefined;
  return {
    accountName: '富禾平台（演示收款账户，请勿汇款）',
    bankName: '演示银行',
    accountNumber: '6222 0000 0000 0000 000',
  };
}

/**
 * The validated configuration. The only place that reads process.env; both processes
 * build it once at boot and exit with a message naming the bad variable when it fails.
 */
export class AppConfig {
  readonly env: Env['NODE_ENV'];
  readonly host: string;
  readonly port: number;
  readonly logLevel: Env['LOG_LEVEL'];
  readonly database: {
    url: string | undefined;
    poolSize: number;
    acquireTimeoutMs: number;
    statementTimeoutMs: number;
    lockTimeoutMs: number;
    embeddedPort: number;
    /** Relative paths are under the checkout (`npm start` runs from anywhere). */
    embeddedDataDir: string;
  };
  readonly redisUrl: string | undefined;
  readonly queuePrefix: string;
  readonly auth: {
    jwtSecret: string;
    /** The secret as configured; undefined when the process made up its own. */
    jwtSecretFromEnv: string | undefined;
    accessTokenTtlSeconds: number;
    refreshTokenTtlDays: number;
    superadmin: { email: string; password: string } | undefined;
    loginRateWindowSeconds: number;
    loginMaxAttemptsPerAccount: number;
    loginMaxAttemptsPerIp: number;
    registrationRateWindowSeconds: number;
    registrationMaxPerAddress: number;
  };
  readonly http: { corsOrigins: string[]; bodyLimitBytes: number; trustProxy: boolean };
  readonly media: {
    storage: 'local' | 's3';
    localDir: string;
    maxUploadBytes: number;
    s3: {
      endpoint?: string;
      region: string;
      bucket?: string;
      accessKeyId?: string;
      secretAccessKey?: string;
      forcePathStyle: boolean;
    };
  };
  /** Unset: no SMS is sent, so phone login by code is not offered. */
  readonly sms:
    | { accessKeyId: string; accessKeySecret: string; endpoint: string; signName: string; loginCodeTemplate: string }
    | undefined;
  readonly notifications: {
    /** Notification kind → approved SMS template code; kinds without one are not sent by SMS. */
    smsTemplates: Record<string, string>;
    /** Unset: no e-mail is sent. */
    smtp: { url: string; from: string } | undefined;
  };
  /** Unset: card, Alipay and WeChat Pay through Stripe are not offered. */
  readonly stripe:
    | {
        secretKey: string;
        webhookSecret: string;
        apiBase: string | undefined;
        /** pk_…: what the checkout page gives Stripe.js to mount the Payment Element. */
        publishableKey: string | undefined;
      }
    | undefined;
  /**
   * How often the worker sends again payouts a provider outage left pending: within minutes, well
   * inside the time Stripe remembers an idempotency key, not at the next nightly run.
   */
  readonly payouts: { retryMinutes: number };
  readonly orders: {
    commissionRateBps: number;
    paymentTimeoutMinutes: number;
    /** An unpaid order bought at a live price expires sooner, so its units go back while the stream lasts. */
    livePaymentTimeoutMinutes: number;
    offlinePaymentTimeoutHours: number;
    expirySweepSeconds: number;
    payableHoldDays: number;
    autoCompleteDays: number;
    shippingDeadlineGraceHours: number;
    /** Unpaid orders (cash on delivery not yet collected included) a buyer may hold at once. */
    maxUnpaidOrders: number;
    /** Unpaid orders of one buyer that may hold the same variant at once. */
    maxUnpaidOrdersPerVariant: number;
    checkoutRateWindowSeconds: number;
    maxCheckoutsPerBuyer: number;
    /**
     * The platform's account buyers pay bank transfers into. Unset in production: bank
     * transfer is not offered (outside production a demo account stands in).
     */
    bankTransferAccount: { accountName: string; bankName: string; accountNumber: string } | undefined;
    /** How often the worker looks for payables to release and for delivered orders to complete. */
    payableReleaseSweepMinutes: number;
    autoCompleteSweepMinutes: number;
    /** Days after delivery that a store is reminded, once, of cash on delivery it has not recorded. */
    cashReminderDays: number;
  };
  /** How often the worker starts cohorts whose start has come and sends session reminders. */
  readonly livestreams: {
    /** How often the worker ends sessions left live past their window. */
    timerSweepSeconds: number;
    /** A live session may run this long past its scheduled end before the timer ends it. */
    overrunMinutes: number;
    /** Live checkouts of one session an api instance runs at once; the rest wait in memory. */
    checkoutConcurrency: number;
  };
  readonly training: {
    timerSweepSeconds: number;
    /** How long a seat of a cohort with a seat fee is held for its trainee to pay. */
    seatHoldHours: number;
  };
  readonly logistics: {
    /**
     * Unset: shipments are neither polled nor subscribed. `push` unset: parcels are not
     * subscribed to Kuaidi100's pushes, so they are polled.
     */
    kuaidi100:
      | { customer: string; key: string; apiBase: string; push: { callbackUrl: string; salt: string } | undefined }
      | undefined;
    pollIntervalMinutes: number;
  };
  readonly outbox: { pollIntervalMs: number; sweepIntervalMs: number; redispatchAfterMs: number };
  /** Unset token: GET /metrics is open, so it must only be reachable from the private network. */
  readonly metrics: { token: string | undefined };

  private readonly source: NodeJS.ProcessEnv;

  constructor(env: Env, source: NodeJS.ProcessEnv = {}) {
    this.source = source;
    this.env = env.NODE_ENV;
    this.host = env.HOST;
    this.port = env.PORT;
    this.logLevel = env.LOG_LEVEL;
    this.database = {
      url: env.DATABASE_URL,
      poolSize: env.DATABASE_POOL_SIZE,
      acquireTimeoutMs: env.DATABASE_ACQUIRE_TIMEOUT_MS,
      statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
      lockTimeoutMs: env.DATABASE_LOCK_TIMEOUT_MS,
      embeddedPort: env.EMBEDDED_PG_PORT,
      embeddedDataDir: env.EMBEDDED_PG_DATA_DIR,
    };
    this.redisUrl = env.REDIS_URL;
    this.queuePrefix = env.QUEUE_PREFIX;
    this.auth = {
      // Outside production an unset secret gets a random one per process tree; `npm start` passes one down.
      jwtSecret: env.JWT_SECRET ?? randomBytes(32).toString('hex'),
      jwtSecretFromEnv: env.JWT_SECRET,
      accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
      superadmin:
        env.SUPERADMIN_EMAIL && env.SUPERADMIN_PASSWORD
          ? { email: env.SUPERADMIN_EMAIL.toLowerCase(), password: env.SUPERADMIN_PASSWORD }
          : undefined,
      loginRateWindowSeconds: env.LOGIN_RATE_WINDOW_SECONDS,
      loginMaxAttemptsPerAccount: env.LOGIN_MAX_ATTEMPTS_PER_ACCOUNT,
      loginMaxAttemptsPerIp: env.LOGIN_MAX_ATTEMPTS_PER_IP,
      registrationRateWindowSeconds: env.REGISTRATION_RATE_WINDOW_SECONDS,
      registrationMaxPerAddress: env.REGISTRATION_MAX_PER_ADDRESS,
    };
    this.http = {
      corsOrigins: env.CORS_ORIGINS,
      bodyLimitBytes: env.BODY_LIMIT_BYTES,
      trustProxy: env.TRUST_PROXY,
    };
    this.media = {
      storage: env.MEDIA_STORAGE,
      localDir: env.MEDIA_LOCAL_DIR,
      maxUploadBytes: env.MEDIA_MAX_UPLOAD_BYTES,
      s3: {
        endpoint: env.S3_ENDPOINT,
        region: env.S3_REGION,
        bucket: env.S3_BUCKET,
        accessKeyId: env.S3_ACCESS_KEY_ID,
        secretAccessKey: env.S3_SECRET_ACCESS_KEY,
        forcePathStyle: env.S3_FORCE_PATH_STYLE,
      },
    };
    this.sms =
      env.SMS_ALIYUN_ACCESS_KEY_ID &&
      env.SMS_ALIYUN_ACCESS_KEY_SECRET &&
      env.SMS_SIGN_NAME &&
      env.SMS_TEMPLATE_LOGIN_CODE
        ? {
            accessKeyId: env.SMS_ALIYUN_ACCESS_KEY_ID,
            accessKeySecret: env.SMS_ALIYUN_ACCESS_KEY_SECRET,
            endpoint: env.SMS_ALIYUN_ENDPOINT,
            signName: env.SMS_SIGN_NAME,
            loginCodeTemplate: env.SMS_TEMPLATE_LOGIN_CODE,
          }
        : undefined;
    this.notifications = {
      smsTemplates: env.SMS_TEMPLATES,
      smtp: env.SMTP_URL ? { url: env.SMTP_URL, from: env.SMTP_FROM } : undefined,
    };
    this.stripe =
      env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET
        ? {
            secretKey: env.STRIPE_SECRET_KEY,
            webhookSecret: env.STRIPE_WEBHOOK_SECRET,
            apiBase: env.STRIPE_API_BASE,
            publishableKey: env.STRIPE_PUBLISHABLE_KEY,
          }
        : undefined;
    this.payouts = { retryMinutes: env.PAYOUT_RETRY_MINUTES };
    this.orders = {
      commissionRateBps: env.COMMISSION_RATE_BPS,
      paymentTimeoutMinutes: env.ORDER_PAYMENT_TIMEOUT_MINUTES,
      livePaymentTimeoutMinutes: env.LIVE_ORDER_PAYMENT_TIMEOUT_MINUTES,
      offlinePaymentTimeoutHours: env.OFFLINE_PAYMENT_TIMEOUT_HOURS,
      expirySweepSeconds: env.ORDER_EXPIRY_SWEEP_SECONDS,
      payableHoldDays: env.PAYABLE_HOLD_DAYS,
      autoCompleteDays: env.ORDER_AUTO_COMPLETE_DAYS,
      shippingDeadlineGraceHours: env.SHIPPING_DEADLINE_GRACE_HOURS,
      maxUnpaidOrders: env.CHECKOUT_MAX_UNPAID_ORDERS,
      maxUnpaidOrdersPerVariant: env.CHECKOUT_MAX_UNPAID_ORDERS_PER_VARIANT,
      checkoutRateWindowSeconds: env.CHECKOUT_RATE_WINDOW_SECONDS,
      maxCheckoutsPerBuyer: env.CHECKOUT_MAX_PER_BUYER,
      bankTransferAccount: bankTransferAccountOf(env),
      payableReleaseSweepMinutes: env.PAYABLE_RELEASE_SWEEP_MINUTES,
      autoCompleteSweepMinutes: env.ORDER_AUTO_COMPLETE_SWEEP_MINUTES,
      cashReminderDays: env.COD_CASH_REMINDER_DAYS,
    };
    this.livestreams = {
      timerSweepSeconds: env.LIVE_TIMER_SWEEP_SECONDS,
      overrunMinutes: env.LIVE_SESSION_OVERRUN_MINUTES,
      checkoutConcurrency: env.LIVE_CHECKOUT_CONCURRENCY,
    };
    this.training = {
      timerSweepSeconds: env.TRAINING_TIMER_SWEEP_SECONDS,
      seatHoldHours: env.TRAINING_SEAT_HOLD_HOURS,
    };
    this.logistics = {
      kuaidi100:
        env.KUAIDI100_CUSTOMER && env.KUAIDI100_KEY
          ? {
              customer: env.KUAIDI100_CUSTOMER,
              key: env.KUAIDI100_KEY,
              apiBase: env.KUAIDI100_API_BASE,
              push:
                env.KUAIDI100_CALLBACK_URL && env.KUAIDI100_SALT
                  ? { callbackUrl: env.KUAIDI100_CALLBACK_URL, salt: env.KUAIDI100_SALT }
                  : undefined,
            }
          : undefined,
      pollIntervalMinutes: env.TRACKING_POLL_INTERVAL_MINUTES,
    };
    this.outbox = {
      pollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS,
      sweepIntervalMs: env.OUTBOX_SWEEP_INTERVAL_MS,
      redispatchAfterMs: env.OUTBOX_REDISPATCH_AFTER_MS,
    };
    this.metrics = { token: env.METRICS_TOKEN };
  }

  /** The database URL; processes other than the launcher cannot run without one. */
  get databaseUrl(): string {
    if (!this.database.url) {
      throw new ConfigError(
        'Invalid configuration: DATABASE_URL is not set (`npm start` starts an embedded PostgreSQL when it is unset)',
      );
    }
    return this.database.url;
  }

  static fromEnv(source: NodeJS.ProcessEnv = process.env): AppConfig {
    // An empty variable (`FOO=` in .env, `${FOO:-}` in compose) means unset.
    const set = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
    const parsed = configSchema.safeParse(set);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
      throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
    }
    return new AppConfig(parsed.data, source);
  }

  /** The environment this configuration was read from, for the processes `npm start` runs. */
  childEnvironment(): NodeJS.ProcessEnv {
    return { ...this.source };
  }
}

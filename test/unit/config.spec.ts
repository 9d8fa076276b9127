import { AppConfig, ConfigError } from '../../src/config/app-config';

describe('configuration', () => {
  it('applies defaults and coerces numbers', () => {
    const config = AppConfig.fromEnv({ PORT: '8080', DATABASE_URL: 'postgres://x@y/z' });
    expect(config.port).toBe(8080);
    expect(config.auth.accessTokenTtlSeconds).toBe(900);
    expect(config.databaseUrl).toBe('postgres://x@y/z');
    expect(config.redisUrl).toBeUndefined();
  });

  it('names the bad variable', () => {
    expect(() => AppConfig.fromEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => AppConfig.fromEnv({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: is required in production/);
    expect(() => AppConfig.fromEnv({ SUPERADMIN_EMAIL: 'a@b.cn' })).toThrow(/SUPERADMIN_PASSWORD/);
    expect(() => AppConfig.fromEnv({ JWT_SECRET: 'short' })).toThrow(ConfigError);
  });

  it('reads an empty variable as unset', () => {
    const config = AppConfig.fromEnv({
      SUPERADMIN_EMAIL: '',
      SUPERADMIN_PASSWORD: '',
      STRIPE_SECRET_KEY: '',
      PORT: '',
    });
    expect(config.auth.superadmin).toBeUndefined();
    expect(config.stripe).toBeUndefined();
    expect(config.port).toBe(3000);
  });

  it('refuses to run a process without a database', () => {
    expect(() => AppConfig.fromEnv({}).databaseUrl).toThrow(/DATABASE_URL/);
  });

  it('takes the bank-transfer account all three or none, and never a demo account in production', () => {
    const account = {
      BANK_TRANSFER_ACCOUNT_NAME: '广西富禾农业科技有限公司',
      BANK_TRANSFER_BANK_NAME: '中国工商银行南宁分行',
      BANK_TRANSFER_ACCOUNT_NUMBER: '6222 0211 0000 1234 567',
    };
    expect(AppConfig.fromEnv(account).orders.bankTransferAccount).toEqual({
      accountName: account.BANK_TRANSFER_ACCOUNT_NAME,
      bankName: account.BANK_TRANSFER_BANK_NAME,
      accountNumber: account.BANK_TRANSFER_ACCOUNT_NUMBER,
    });
    expect(() => AppConfig.fromEnv({ BANK_TRANSFER_BANK_NAME: '中国工商银行' })).toThrow(/BANK_TRANSFER_ACCOUNT_NAME/);
    expect(AppConfig.fromEnv({}).orders.bankTransferAccount?.accountName).toMatch(/演示/);
    const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) };
    expect(AppConfig.fromEnv(production).orders.bankTransferAccount).toBeUndefined();
    expect(AppConfig.fromEnv({ ...production, ...account }).orders.bankTransferAccount?.bankName).toBe(
      '中国工商银行南宁分行',
    );
  });

  it('has abuse limits by default', () => {
    const { orders, auth } = AppConfig.fromEnv({});
    expect(auth.registrationMaxPerAddress).toBe(30);
    expect(orders).toMatchObject({ maxUnpaidOrders: 10, maxUnpaidOrdersPerVariant: 3, maxCheckoutsPerBuyer: 30 });
  });
});

import { randomBytes } from 'node:crypto';
import { AppConfig, ConfigError } from '../../src/config/app-config';

describe('configuration', () => {
  it('applies defaults and coerces numbers', () => {
    const config = AppConfig.fromEnv({ PORT: '8080', DATABASE_URL: 'postgres://x@y/z' });
    expect(config.port).toBe(8080);
    expect(config.auth.accessTokenTtlSeconds).toBe(900);
    expect(config.databaseUrl).toBe('postgres://x@y/z');
    expect(config.redisUrl).toBeUndefined();
  });

  it('reads how often the payable-release and auto-complete sweeps run, 10 minutes unless set', () => {
    const defaults = AppConfig.fromEnv({});
    expect(defaults.orders.payableReleaseSweepMinutes).toBe(10);
    expect(defaults.orders.autoCompleteSweepMinutes).toBe(10);
    const set = AppConfig.fromEnv({ PAYABLE_RELEASE_SWEEP_MINUTES: '3', ORDER_AUTO_COMPLETE_SWEEP_MINUTES: '60' });
    expect(set.orders.payableReleaseSweepMinutes).toBe(3);
    expect(set.orders.autoCompleteSweepMinutes).toBe(60);
    expect(() => AppConfig.fromEnv({ PAYABLE_RELEASE_SWEEP_MINUTES: '0' })).toThrow(/PAYABLE_RELEASE_SWEEP_MINUTES/);
  });

  it('subscribes parcels to Kuaidi100 pushes only with a callback address, a salt and the API key', () => {
    const kuaidi100 = { KUAIDI100_CUSTOMER: 'CUST', KUAIDI100_KEY: 'key' };
    expect(AppConfig.fromEnv(kuaidi100).logistics.kuaidi100?.push).toBeUndefined();
    const push = { KUAIDI100_CALLBACK_URL: 'https://furrow.example.cn/hook', KUAIDI100_SALT: 'salt-0123456789abcdef' };
    expect(AppConfig.fromEnv({ ...kuaidi100, ...push }).logistics.kuaidi100?.push).toEqual({
      callbackUrl: push.KUAIDI100_CALLBACK_URL,
      salt: push.KUAIDI100_SALT,
    });
    expect(() => AppConfig.fromEnv({ ...kuaidi100, KUAIDI100_CALLBACK_URL: push.KUAIDI100_CALLBACK_URL })).toThrow(
      /KUAIDI100_SALT/,
    );
    expect(() => AppConfig.fromEnv(push)).toThrow(/KUAIDI100_KEY/);
    expect(() => AppConfig.fromEnv({ ...kuaidi100, ...push, KUAIDI100_SALT: 'short' })).toThrow(/KUAIDI100_SALT/);
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
    const production = { NODE_ENV: 'production', JWT_SECRET: randomBytes(32).toString('hex') };
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

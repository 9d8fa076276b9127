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
});

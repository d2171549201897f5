/** @type {import('jest').Config} */
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': swc, '/node_modules/@bsull/augurs/.+\\.js$': swc },
  // @bsull/augurs ships ES modules only; jest (CommonJS here) needs them compiled like our sources.
  transformIgnorePatterns: ['/node_modules/(?!@bsull/augurs/)'],
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  setupFiles: ['<rootDir>/test/setup/env.ts'],
  // Generous: a loaded 2-core machine starts PGlite and seeds data slowly.
  testTimeout: 180_000,
};

const base = require('../jest.config.js');

/** Browser tests: same TypeScript transform, no database setup (they drive the running app). */
module.exports = {
  testEnvironment: 'node',
  rootDir: '..',
  roots: ['<rootDir>/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform: base.transform,
  testTimeout: 120_000,
};

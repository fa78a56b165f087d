// Three projects: unit tests beside the code, integration and e2e tests under test/.
// Integration and e2e share one PostgreSQL and one Kafka broker started in globalSetup.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  rootDir: __dirname,
};

module.exports = {
  // A global option: per-project testTimeout is not applied by jest 30.
  testTimeout: 120000,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/libs/**/*.unit.spec.ts',
        '<rootDir>/apps/**/*.unit.spec.ts',
        '<rootDir>/bench/**/*.unit.spec.ts',
      ],
    },
    { ...shared, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.int.spec.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e.spec.ts'] },
  ],
};

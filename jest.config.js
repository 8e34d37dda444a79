/** Tests run from TypeScript through SWC, which emits decorator metadata as tsc does. */
module.exports = {
  testEnvironment: 'node',
  roots: [
    '<rootDir>/tests',
    '<rootDir>/common',
    '<rootDir>/subgraphs',
    '<rootDir>/gateway',
    '<rootDir>/demo',
    '<rootDir>/stack',
    '<rootDir>/bulk-import',
  ],
  testMatch: ['**/*.test.ts', '**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  globalSetup: '<rootDir>/tests/kit/global-setup.ts',
  setupFiles: ['reflect-metadata'],
  testTimeout: 120000,
  maxWorkers: 2,
};

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': '@swc/jest',
  },
  // Dependencies are CommonJS (@fastify/static is held at 9, whose content-disposition 1 is CommonJS and
  // supports Node 20; 10 pulls the ESM-only, Node ≥ 22 content-disposition 3).
  // Build outputs are loaded as they are: the weapp simulator suite requires dist/weapp's CommonJS
  // (already compiled by Taro), and the bundled cloud functions are tested as shipped.
  transformIgnorePatterns: ['/node_modules/', '<rootDir>/dist/', '<rootDir>/cloudfunctions/[^/]+/index\\.js$'],
  // Under the jsdom environment (weapp simulator suite) jest would pick uuid's ESM browser build, which
  // exceljs (required by the export handlers the router loads) cannot use: always the CommonJS build.
  moduleNameMapper: { '^uuid$': require.resolve('uuid') },
  roots: ['<rootDir>/tests'],
  testTimeout: 60000,
}

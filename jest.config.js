/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': '@swc/jest',
  },
  // content-disposition 3 (required by @fastify/static) ships ESM only, which Node 20 can require but jest
  // cannot: it is compiled to CommonJS like our own sources.
  // Build outputs are loaded as they are: the weapp simulator suite requires dist/weapp's CommonJS
  // (already compiled by Taro), and the bundled cloud functions are tested as shipped.
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition)/)', '<rootDir>/dist/', '<rootDir>/cloudfunctions/[^/]+/index\\.js$'],
  // Under the jsdom environment (weapp simulator suite) jest would pick uuid's ESM browser build, which
  // exceljs (required by the export handlers the router loads) cannot use: always the CommonJS build.
  moduleNameMapper: { '^uuid$': require.resolve('uuid') },
  roots: ['<rootDir>/tests'],
  testTimeout: 60000,
}

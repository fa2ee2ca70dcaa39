import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

// The shared zod contract lives outside src/, so Taro's babel rule must be told to compile it.
const sharedTypesDir = path.resolve(__dirname, '..', 'types')

// https://docs.taro.zone/docs/next/config-detail
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'five-star-branch',
    date: '2026-11-27',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    env: {
      // Always defined, so an unset variable becomes '' instead of a dangling process.env lookup.
      TARO_APP_CLOUD_ENV: JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? ''),
      // Subscribe-message template ids (README), the same as the cloud function's WX_TEMPLATE_*.
      TARO_APP_TEMPLATE_REVIEW: JSON.stringify(process.env.TARO_APP_TEMPLATE_REVIEW ?? ''),
      TARO_APP_TEMPLATE_RESULT: JSON.stringify(process.env.TARO_APP_TEMPLATE_RESULT ?? ''),
      TARO_APP_TEMPLATE_BOARD: JSON.stringify(process.env.TARO_APP_TEMPLATE_BOARD ?? ''),
      TARO_APP_TEMPLATE_DUE: JSON.stringify(process.env.TARO_APP_TEMPLATE_DUE ?? ''),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: true },
    mini: {
      compile: { include: [sharedTypesDir] },
      optimizeMainPackage: { enable: true },
      webpackChain(chain) {
        // types/ only declares schemas and constants, so its modules are marked free of side effects: a page
        // importing ROLE_NAMES from types/roles (re-exported from types/labels) then links straight to
        // labels.ts, and roles.ts with zod is left out of the main package.
        chain.module.rule('shared-types-side-effect-free').test(/\.ts$/).include.add(sharedTypesDir).end().set('sideEffects', false)
      },
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
        // 长辈模式: every size scales with the root's --elder-* variables (see the plugin).
        './config/postcss-elder.js': { enable: true, config: {} },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [sharedTypesDir] },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      webpackChain(chain) {
        // Taro splits only initial chunks on H5, so every lazily loaded page carried its own copy of
        // zod and the form components (~360 KB each); splitting async chunks too shares them.
        chain.optimization.splitChunks({ ...chain.optimization.get('splitChunks'), chunks: 'all' })
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
        './config/postcss-elder.js': { enable: true, config: {} },
      },
    },
  }
  return process.env.NODE_ENV === 'development' ? merge({}, baseConfig, devConfig) : merge({}, baseConfig, prodConfig)
})

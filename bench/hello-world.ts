import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ROOT, runCommand } from './util'

/** A bare Taro 4 React project (one page: View, Text, Button), built with this repository's toolchain. */
export interface HelloWorld {
  dir: string
  weappDir: string
  h5Dir: string
  weappBuildMs: number
  h5BuildMs: number
}

const FILES: Record<string, string> = {
  'package.json': JSON.stringify(
    {
      name: 'taro-hello-world',
      version: '1.0.0',
      private: true,
      templateInfo: { name: 'default', typescript: true, css: 'None' },
      browserslist: ['last 3 versions', 'Android >= 4.1', 'ios >= 8'],
    },
    null,
    2,
  ),
  'babel.config.js': `module.exports = { presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]] }\n`,
  'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'es2020', module: 'esnext', moduleResolution: 'bundler', jsx: 'react-jsx', strict: true, skipLibCheck: true } }),
  'config/index.ts': `import { defineConfig } from '@tarojs/cli'

export default defineConfig<'webpack5'>(async () => ({
  projectName: 'taro-hello-world',
  date: '2026-11-27',
  designWidth: 750,
  deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
  sourceRoot: 'src',
  outputRoot: \`dist/\${process.env.TARO_ENV}\`,
  plugins: [],
  framework: 'react',
  compiler: 'webpack5',
  // Off: node_modules is this repository's (a symlink), and its build cache must stay the repository's.
  cache: { enable: false },
  mini: {
    optimizeMainPackage: { enable: true },
    postcss: { pxtransform: { enable: true, config: {} }, cssModules: { enable: false } },
  },
  h5: {
    publicPath: '/',
    staticDirectory: 'static',
    router: { mode: 'hash' },
    output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
    miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
    postcss: { autoprefixer: { enable: true, config: {} }, cssModules: { enable: false } },
  },
}))
`,
  'src/app.config.ts': `export default defineAppConfig({
  pages: ['pages/index/index'],
  window: { navigationBarTitleText: 'Hello' },
})
`,
  'src/app.tsx': `import type { PropsWithChildren } from 'react'

function App({ children }: PropsWithChildren) {
  return children
}

export default App
`,
  'src/index.html': `<!DOCTYPE html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta content="width=device-width,initial-scale=1,user-scalable=no" name="viewport">
  <title>Hello</title>
  <script><%= htmlWebpackPlugin.options.script %></script>
</head>
<body>
  <div id="app"></div>
</body>
</html>
`,
  'src/pages/index/index.config.ts': `export default definePageConfig({ navigationBarTitleText: 'Hello' })\n`,
  'src/pages/index/index.tsx': `import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'

export default function Index() {
  const [count, setCount] = useState(0)
  return (
    <View className='page'>
      <Text className='hello'>你好，世界</Text>
      <Button onClick={() => { setCount(count + 1); Taro.showToast({ title: String(count + 1) }) }}>点我</Button>
    </View>
  )
}
`,
}

/** Writes the project into a fresh temp folder, with node_modules a symlink to this repository's. */
export function writeHelloWorld(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsb-bench-hello-'))
  for (const [file, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    fs.writeFileSync(path.join(dir, file), text)
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir')
  return dir
}

/** Generates the hello world and builds its weapp only (what scripts/check-weapp.ts compares against). */
export async function buildHelloWorldWeapp(log: (line: string) => void): Promise<{ dir: string; weappDir: string; weappBuildMs: number }> {
  const dir = writeHelloWorld()
  const taro = path.join(ROOT, 'node_modules', '.bin', 'taro')
  log(`hello world: building weapp in ${dir}`)
  const weapp = await runCommand(taro, ['build', '--type', 'weapp'], { cwd: dir, env: { NODE_ENV: 'production' } })
  return { dir, weappDir: path.join(dir, 'dist', 'weapp'), weappBuildMs: weapp.ms }
}

/** Generates and builds the hello world for weapp and H5, in this run. */
export async function buildHelloWorld(log: (line: string) => void): Promise<HelloWorld> {
  const { dir, weappDir, weappBuildMs } = await buildHelloWorldWeapp(log)
  const taro = path.join(ROOT, 'node_modules', '.bin', 'taro')
  log(`hello world: building h5`)
  const h5 = await runCommand(taro, ['build', '--type', 'h5'], { cwd: dir, env: { NODE_ENV: 'production' } })
  return { dir, weappDir, h5Dir: path.join(dir, 'dist', 'h5'), weappBuildMs, h5BuildMs: h5.ms }
}

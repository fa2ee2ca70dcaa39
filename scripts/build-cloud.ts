import fs from 'node:fs'
import path from 'node:path'
import { build } from 'esbuild'

const ROOT = path.resolve(__dirname, '..')
const FUNCTIONS_DIR = path.join(ROOT, 'cloudfunctions')

/**
 * `npm run build:cloud`: bundles each cloud function's `src/index.ts` with the shared code it uses
 * into `cloudfunctions/<name>/index.js`, the file WeChat DevTools uploads. wx-server-sdk stays
 * external: it is the function's only dependency (its package.json), installed in the cloud.
 */
export async function buildCloudFunctions(): Promise<Array<{ name: string; bytes: number; ms: number }>> {
  const names = fs.readdirSync(FUNCTIONS_DIR).filter((name) => fs.existsSync(path.join(FUNCTIONS_DIR, name, 'src', 'index.ts')))
  const results = []
  for (const name of names) {
    const started = Date.now()
    const outfile = path.join(FUNCTIONS_DIR, name, 'index.js')
    await build({
      entryPoints: [path.join(FUNCTIONS_DIR, name, 'src', 'index.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      minify: true,
      legalComments: 'none',
      external: ['wx-server-sdk'],
      logLevel: 'warning',
    })
    results.push({ name, bytes: fs.statSync(outfile).size, ms: Date.now() - started })
  }
  return results
}

if (require.main === module) {
  buildCloudFunctions()
    .then((results) => {
      for (const r of results) console.log(`cloudfunctions/${r.name}/index.js  ${(r.bytes / 1024).toFixed(1)} KB  (${r.ms} ms)`)
    })
    .catch((error) => {
      console.error(error)
      process.exit(1)
    })
}

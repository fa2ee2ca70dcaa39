import fs from 'node:fs'
import path from 'node:path'
import { build, type Plugin } from 'esbuild'

const ROOT = path.resolve(__dirname, '..')
const FUNCTIONS_DIR = path.join(ROOT, 'cloudfunctions')

/** Libraries shipped as a file of their own beside `index.js`, loaded only when first used. */
const SIDE_BUNDLES = { exceljs: 'exceljs.js' } as const

/**
 * `npm run build:cloud`: bundles each cloud function's `src/index.ts` with the shared code it uses
 * into `cloudfunctions/<name>/index.js`, the file WeChat DevTools uploads. wx-server-sdk stays
 * external: it is the function's only dependency (its package.json), installed in the cloud.
 * exceljs (about 1.1 MB, only for exports and imports) goes into `exceljs.js` beside it: every cold
 * start compiles `index.js`, and only a call that reads or writes a sheet loads the other.
 */
export async function buildCloudFunctions(): Promise<Array<{ name: string; bytes: number; ms: number; sideBytes: number }>> {
  const names = fs.readdirSync(FUNCTIONS_DIR).filter((name) => fs.existsSync(path.join(FUNCTIONS_DIR, name, 'src', 'index.ts')))
  const results = []
  // A library's side bundle is the same for every function: built once, written into each folder that loads it.
  const sideBundles = new Map<string, Promise<Uint8Array>>()
  const sideBundle = (library: string) => {
    let built = sideBundles.get(library)
    if (!built) {
      const stdin = { contents: `module.exports = require(${JSON.stringify(library)})`, resolveDir: ROOT, loader: 'js' } as const
      built = build({ ...COMMON, stdin, write: false, outfile: `${library}.js` }).then((result) => result.outputFiles[0].contents)
      sideBundles.set(library, built)
    }
    return built
  }
  for (const name of names) {
    const started = Date.now()
    const outfile = path.join(FUNCTIONS_DIR, name, 'index.js')
    const main = await build({
      ...COMMON,
      entryPoints: [path.join(FUNCTIONS_DIR, name, 'src', 'index.ts')],
      outfile,
      external: ['wx-server-sdk'],
      metafile: true,
      plugins: [sideBundlesExternal],
    })
    let sideBytes = 0
    const imported = new Set(Object.values(main.metafile.outputs).flatMap((o) => o.imports.map((i) => i.path)))
    for (const [library, file] of Object.entries(SIDE_BUNDLES)) {
      const sidefile = path.join(FUNCTIONS_DIR, name, file)
      if (!imported.has(`./${file}`)) {
        fs.rmSync(sidefile, { force: true })
        continue
      }
      fs.writeFileSync(sidefile, await sideBundle(library))
      sideBytes += fs.statSync(sidefile).size
    }
    results.push({ name, bytes: fs.statSync(outfile).size, ms: Date.now() - started, sideBytes })
  }
  return results
}

const COMMON = { bundle: true, platform: 'node', target: 'node16', format: 'cjs', minify: true, legalComments: 'none', logLevel: 'warning' } as const

/** `import('exceljs')` in the code becomes `import("./exceljs.js")`, the side bundle in the same folder. */
const sideBundlesExternal: Plugin = {
  name: 'side-bundles',
  setup(build) {
    const filter = new RegExp(`^(${Object.keys(SIDE_BUNDLES).join('|')})$`)
    build.onResolve({ filter }, (args) => ({ path: `./${SIDE_BUNDLES[args.path as keyof typeof SIDE_BUNDLES]}`, external: true }))
  },
}

if (require.main === module) {
  buildCloudFunctions()
    .then((results) => {
      for (const r of results) {
        const side = r.sideBytes ? ` + ${(r.sideBytes / 1024).toFixed(1)} KB loaded on first use` : ''
        console.log(`cloudfunctions/${r.name}/index.js  ${(r.bytes / 1024).toFixed(1)} KB${side}  (${r.ms} ms)`)
      }
    })
    .catch((error) => {
      console.error(error)
      process.exit(1)
    })
}

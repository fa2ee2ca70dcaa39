import fs from 'node:fs'
import path from 'node:path'

/** The repository root (tests/support/ is two levels down). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..')

const BUILD_COMMANDS = { h5: 'npm run build:h5', weapp: 'npm run build:weapp' } as const

/**
 * The folder of a Taro build, checked to hold `mustContain`. Suites that drive a build call this in
 * beforeAll, so a missing build fails every test of the suite with this message instead of skipping it.
 */
export function requireBuildOutput(kind: keyof typeof BUILD_COMMANDS, mustContain: string[]): string {
  const dir = path.join(REPO_ROOT, 'dist', kind)
  const missing = mustContain.filter((file) => !fs.existsSync(path.join(dir, file)))
  if (missing.length > 0) {
    throw new Error(
      `The ${kind} build is missing (${missing.map((f) => path.join('dist', kind, f)).join(', ')} not found). ` +
        `Run \`${BUILD_COMMANDS[kind]}\` first; \`npm test\` builds everything before running jest.`,
    )
  }
  return dir
}

/** A folder under `.artifacts/` (git-ignored) for screenshots and reports, created if needed. */
export function artifactsDir(...parts: string[]): string {
  const dir = path.join(REPO_ROOT, '.artifacts', ...parts)
  fs.mkdirSync(dir, { recursive: true })
  return dir
}

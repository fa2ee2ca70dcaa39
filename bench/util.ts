import fs from 'node:fs'
import path from 'node:path'
import { spawn } from 'node:child_process'

/** The repository root. */
export const ROOT = path.resolve(__dirname, '..')

/** Runs a command to completion; rejects with its last output lines if it fails. */
export function runCommand(
  command: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<{ ms: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (code) => {
      if (code === 0) resolve({ ms: performance.now() - started, stdout: out })
      else reject(new Error(`${command} ${args.join(' ')} failed (exit ${code}):\n${out.split('\n').slice(-30).join('\n')}`))
    })
  })
}

/** Every file under `dir`, as paths relative to it with `/` separators. */
export function listFiles(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join('/')]
  })
}

export const totalBytes = (dir: string) => listFiles(dir).reduce((sum, file) => sum + fs.statSync(path.join(dir, file)).size, 0)

/** The value at quantile q (0..1) of the numbers, by nearest rank. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]
}

export const median = (values: number[]) => quantile(values, 0.5)

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
export const ms = (value: number) => (value >= 100 ? `${value.toFixed(0)} ms` : value >= 10 ? `${value.toFixed(1)} ms` : `${value.toFixed(2)} ms`)
export const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a')

/** A plain-text table with aligned columns. */
export function table(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = [headers, ...rows.map((r) => r.map(String))]
  // CJK characters take two columns in a terminal.
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0)
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => width(r[i] ?? ''))))
  const line = (r: string[]) => r.map((c, i) => c + ' '.repeat(widths[i] - width(c))).join('  ').trimEnd()
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n')
}

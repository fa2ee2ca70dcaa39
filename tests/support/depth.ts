/**
 * How deep the exhaustive suites go. `npm test` runs them sampled (TEST_DEPTH unset or `sampled`):
 * the same code paths with fewer cases, chosen from a fixed seed that the suite prints, so a failure
 * reproduces with `TEST_SEED=<seed> npx jest <suite>`. `npm run test:deep` (TEST_DEPTH=deep) runs
 * every case: every database request of the fault walk, the full property-based runs.
 */
export type Depth = 'sampled' | 'deep'

const raw = process.env.TEST_DEPTH ?? 'sampled'
if (raw !== 'sampled' && raw !== 'deep') throw new Error(`TEST_DEPTH must be "sampled" or "deep", not ${JSON.stringify(raw)}`)
export const DEPTH: Depth = raw

/** The seed of the sampled choices (fast-check runs, which fault steps are walked): TEST_SEED, or a fixed default. */
export const SEED: number = (() => {
  const text = process.env.TEST_SEED
  if (text === undefined || text === '') return 20261204
  const seed = Number(text)
  if (!Number.isSafeInteger(seed)) throw new Error(`TEST_SEED must be an integer, not ${JSON.stringify(text)}`)
  return seed
})()

/** `deep` when deep, else `sampled` (a count, or anything else that differs by depth). */
export const byDepth = <T>(values: { sampled: T; deep: T }): T => values[DEPTH]

/** A small deterministic generator (mulberry32) from the seed and a label, so each suite/case draws its own stream. */
export function seededRandom(label: string, seed: number = SEED): () => number {
  let h = seed >>> 0
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x9e3779b1) >>> 0
  return () => {
    h = (h + 0x6d2b79f5) >>> 0
    let t = h
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * The steps 1..n to walk: all of them when deep; when sampled, the first and the last and `extra`
 * others drawn from the seed and the label (sorted), so every case still fails at its start and end.
 */
export function sampleSteps(n: number, label: string, extra: number): number[] {
  const all = Array.from({ length: n }, (_, i) => i + 1)
  if (DEPTH === 'deep' || n <= extra + 2) return all
  const random = seededRandom(label)
  const middle = all.slice(1, -1)
  const chosen = new Set<number>([1, n])
  while (chosen.size < extra + 2) chosen.add(middle[Math.floor(random() * middle.length)])
  return [...chosen].sort((a, b) => a - b)
}

/** The line a sampled suite prints, naming how to rerun it as it ran and how to run it whole. */
export const depthNote = (suite: string) =>
  DEPTH === 'deep'
    ? `${suite}: TEST_DEPTH=deep (every case), seed ${SEED}`
    : `${suite}: sampled with seed ${SEED} — rerun as it ran: TEST_SEED=${SEED} npx jest ${suite}; every case: TEST_DEPTH=deep npx jest ${suite}`

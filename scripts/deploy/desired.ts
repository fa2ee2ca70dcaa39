import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { COLLECTIONS } from '../../backend/storage/collections'
import type { DeployConfig } from './config'
import type { RemoteIndex } from './client'

/** Every collection's permission: clients read and write nothing; all access is through the functions. */
export const COLLECTION_ACL = 'ADMINONLY'
/** The function variable that records which build of the function's folder was uploaded. */
export const CODE_SHA_VARIABLE = 'DEPLOY_CODE_SHA'
export const FUNCTION_NAMES = ['api', 'publishDaily'] as const

const FunctionConfigSchema = z.object({
  timeout: z.number().int().min(1).max(900),
  memorySize: z.number().int().refine((mb) => [128, 256, 512, 1024, 2048].includes(mb), '内存只能是 128/256/512/1024/2048 MB'),
  runtime: z.string().regex(/^Nodejs\d+\.\d+$/),
  triggers: z.array(z.object({ name: z.string().min(1), type: z.literal('timer'), config: z.string().min(1) })).default([]),
}).passthrough()

export interface DesiredFunction {
  name: string
  dir: string
  timeout: number
  memorySize: number
  runtime: string
  triggers: Array<{ name: string; type: string; config: string }>
  /** Variables deploy owns; others set in the console are left as they are. */
  variables: Record<string, string>
}

export interface Desired {
  collections: Array<{ name: string; indexes: RemoteIndex[] }>
  functions: DesiredFunction[]
}

/** Index name: the fields joined, as the console would suggest (`villageId_1_createdAt_1`). */
export function indexName(fields: readonly string[]): string {
  return fields.map((field) => `${field}_1`).join('_')
}

export function desiredState(root: string, config: Pick<DeployConfig, 'adminOpenids' | 'invitePepper'>): Desired {
  const collections = Object.entries(COLLECTIONS).map(([name, indexes]) => ({
    name,
    indexes: (indexes as ReadonlyArray<ReadonlyArray<string>>).map((fields) => ({
      name: indexName(fields),
      unique: false,
      keys: fields.map((field) => ({ name: field, direction: '1' })),
    })),
  }))
  const functions = FUNCTION_NAMES.map((name) => {
    const dir = path.join(root, 'cloudfunctions', name)
    const file = path.join(dir, 'config.json')
    const parsed = FunctionConfigSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')))
    if (!parsed.success) throw new Error(`${file} 有误：${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`)
    const variables: Record<string, string> = {}
    if (name === 'api' && config.adminOpenids) variables.ADMIN_OPENIDS = config.adminOpenids
    if (name === 'api' && config.invitePepper) variables.INVITE_PEPPER = config.invitePepper
    return { name, dir, ...parsed.data, variables }
  })
  return { collections, functions }
}

/** Same index = same keys in the same order and direction (names may differ: made by hand in the console). */
export const sameKeys = (a: RemoteIndex, b: RemoteIndex) =>
  a.unique === b.unique && a.keys.length === b.keys.length && a.keys.every((key, i) => key.name === b.keys[i].name && key.direction === b.keys[i].direction)

/** A folder's content hash (sorted paths and bytes); skips sources, maps and node_modules. null when absent. */
export function folderSha(dir: string, skip: (relative: string) => boolean = () => false): string | null {
  if (!fs.existsSync(dir)) return null
  const hash = crypto.createHash('sha256')
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const child = relative ? `${relative}/${entry.name}` : entry.name
      if (skip(child) || entry.name === 'node_modules') continue
      if (entry.isDirectory()) walk(child)
      else hash.update(`${child}\0`).update(fs.readFileSync(path.join(dir, child))).update('\0')
    }
  }
  walk('')
  return hash.digest('hex').slice(0, 16)
}

/** What uploadFunction ships that matters: the bundle, its side files, package.json and config.json. */
export const functionSha = (dir: string) =>
  fs.existsSync(path.join(dir, 'index.js')) ? folderSha(dir, (rel) => rel === 'src' || rel.endsWith('.map')) : null

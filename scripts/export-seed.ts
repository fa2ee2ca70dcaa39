import fs from 'node:fs'
import path from 'node:path'
import { FANGGANG, FANGGANG_VILLAGES } from '../backend/seed/fanggang-data'

/**
 * `npm run export:seed`: writes 方岗镇 and its 24 villages as JSON Lines files for the cloud
 * database console's import (导入 → JSON). Demo people are local-only and never exported.
 */
const outDir = path.resolve(__dirname, '..', 'dist', 'seed')
fs.mkdirSync(outDir, { recursive: true })
const lines = (docs: object[]) => docs.map((d) => JSON.stringify(d)).join('\n') + '\n'
fs.writeFileSync(path.join(outDir, 'townships.json'), lines([{ _id: FANGGANG.id, name: FANGGANG.name, county: FANGGANG.county }]))
fs.writeFileSync(
  path.join(outDir, 'villages.json'),
  lines(FANGGANG_VILLAGES.map((v, order) => ({ _id: v.id, townshipId: FANGGANG.id, name: v.name, order }))),
)
console.log(`已导出到 ${outDir}：townships.json（1 条）、villages.json（${FANGGANG_VILLAGES.length} 条）`)

import fs from 'node:fs'
import path from 'node:path'
import { COLLECTIONS } from '../../../backend/storage/collections'

// The README's index table is what a deployer creates in the cloud console: it must be exactly the
// indexes the code declares (and SQLite builds), or a cloud query runs without its index.

const README = fs.readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8')

function readmeIndexes(): string[] {
  const section = README.split('### 需要创建的数据库索引')[1]?.split('\n### ')[0] ?? ''
  return section
    .split('\n')
    .map((line) => /^\|\s*([A-Za-z]+)\s*\|\s*([A-Za-z_, ]+?)\s*\|$/.exec(line.trim()))
    .filter((m): m is RegExpExecArray => m !== null && m[1] !== '集合')
    .map((m) => `${m[1]}(${m[2].split(',').map((f) => f.trim()).join(', ')})`)
}

const declared = Object.entries(COLLECTIONS).flatMap(([collection, indexes]) =>
  (indexes as ReadonlyArray<ReadonlyArray<string>>).map((fields) => `${collection}(${fields.join(', ')})`),
)

it('the README lists every declared index, and only those', () => {
  expect(readmeIndexes().sort()).toEqual([...declared].sort())
})

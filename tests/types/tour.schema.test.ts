import { ZQuarter, ZTourCreate, ZTourScore, ZTourToChecklist } from '../../types/tour'
import { messagesOf } from './schema-helpers'

const ok = (schema: Parameters<typeof messagesOf>[0], input: unknown) => expect(messagesOf(schema, input)).toEqual([])
const bad = (schema: Parameters<typeof messagesOf>[0], input: unknown) => expect(messagesOf(schema, input).length).toBeGreaterThan(0)

const create = { quarter: '2026-Q4', date: '2026-11-27', route: ['tiegou', 'fangdong', 'duancun'] }

describe('ZQuarter', () => {
  it.each(['2026-Q1', '2026-Q4'])('accepts %s', (q) => ok(ZQuarter, q))
  it.each(['2026-Q0', '2026-Q5', '2026Q1', '2026-q1', '', 20264])('refuses %s', (q) => bad(ZQuarter, q))
})

describe('ZTourCreate', () => {
  it.each<[string, unknown]>([
    ['the default sheet', create],
    ['a sheet of its own', { ...create, criteria: [{ name: '版面展示', max: 30 }, { name: '资料查阅', max: 40 }, { name: '讲解', max: 30 }] }],
    ['a title', { ...create, title: '四季度党建观摩' }],
  ])('accepts %s', (_l, input) => ok(ZTourCreate, input))
  it.each<[string, unknown]>([
    ['an empty route', { ...create, route: [] }],
    ['a village twice', { ...create, route: ['tiegou', 'tiegou'] }],
    ['13 stops', { ...create, route: Array.from({ length: 13 }, (_, i) => `v${i}`) }],
    ['a day that does not exist', { ...create, date: '2026-02-30' }],
    ['a criterion worth 0', { ...create, criteria: [{ name: '支部建设', max: 0 }] }],
    ['a criterion named twice', { ...create, criteria: [{ name: '支部建设', max: 20 }, { name: '支部建设', max: 10 }] }],
    ['an empty sheet', { ...create, criteria: [] }],
  ])('refuses %s', (_l, input) => bad(ZTourCreate, input))
})

describe('ZTourScore', () => {
  const score = { tourId: 't1', villageId: 'tiegou', points: [18, 17, 16, 15, 14] }
  it.each<[string, unknown]>([['points', score], ['with a comment', { ...score, comment: '资料齐全' }]])('accepts %s', (_l, input) => ok(ZTourScore, input))
  it.each<[string, unknown]>([
    ['a negative point', { ...score, points: [-1, 0, 0, 0, 0] }],
    ['half a point', { ...score, points: [1.5, 0, 0, 0, 0] }],
    ['no points', { ...score, points: [] }],
    ['a comment over 300 characters', { ...score, comment: '长'.repeat(301) }],
  ])('refuses %s', (_l, input) => bad(ZTourScore, input))
})

describe('ZTourToChecklist', () => {
  const gap = { tourId: 't1', sheetId: 's1', ownerRef: 'ref1', dueMonth: '2026-12' }
  it('accepts a comment with an owner and a due month', () => ok(ZTourToChecklist, gap))
  it.each<[string, unknown]>([
    ['no owner', { ...gap, ownerRef: undefined }],
    ['a bad month', { ...gap, dueMonth: '2026-13' }],
  ])('refuses %s', (_l, input) => bad(ZTourToChecklist, input))
})

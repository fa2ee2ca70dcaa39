import { ZCatalogueCopyYear, ZCriterion, ZEvidenceRule, ZMonth, ZTargetSet } from '../../types/catalogue'
import { ZExportLedger, ZLedgerCreate, ZLedgerReview } from '../../types/ledger'
import { ZChecklistClose, ZChecklistCreate, ZChecklistReview } from '../../types/checklist'
import { localPhoto, makeLedgerInput } from '../support/records-factories'
import { messagesOf } from './schema-helpers'

const ok = (schema: Parameters<typeof messagesOf>[0], input: unknown) => expect(messagesOf(schema, input)).toEqual([])
const bad = (schema: Parameters<typeof messagesOf>[0], input: unknown) => expect(messagesOf(schema, input).length).toBeGreaterThan(0)

describe('ZMonth', () => {
  it.each(['2026-01', '2026-12', '2100-06'])('accepts %s', (m) => ok(ZMonth, m))
  it.each(['2026-13', '2026-00', '2026-1', '26-01', '2026/01', '1999-12', '', 202611])('refuses %s', (m) => bad(ZMonth, m))
})

describe('ZEvidenceRule', () => {
  it.each<[string, unknown]>([
    ['monthly', { kind: 'monthly', activityType: '防电诈教育' }],
    ['weekly', { kind: 'weekly', activityType: '集中学习', perWeek: 2 }],
    ['yearly', { kind: 'yearly', activityType: '防汛应急演练' }],
    ['document', { kind: 'document', activityType: '四议两公开' }],
    ['figure', { kind: 'figure', activityType: '集体经济收入', threshold: 100000, unit: '元' }],
  ])('accepts %s', (_l, input) => ok(ZEvidenceRule, input))
  it.each<[string, unknown]>([
    ['an unknown kind', { kind: 'daily', activityType: 'x' }],
    ['weekly without a count', { kind: 'weekly', activityType: '集中学习' }],
    ['weekly 8 times', { kind: 'weekly', activityType: '集中学习', perWeek: 8 }],
    ['a negative threshold', { kind: 'figure', activityType: 'x', threshold: -1, unit: '元' }],
    ['a type with a dot (a field path in the cloud database)', { kind: 'monthly', activityType: 'a.b' }],
    ['a type with $', { kind: 'monthly', activityType: '$where' }],
    ['an empty type', { kind: 'monthly', activityType: '  ' }],
  ])('refuses %s', (_l, input) => bad(ZEvidenceRule, input))
  it('a criterion may have no rule (judged by the task force)', () => ok(ZCriterion, { id: 'c1', star: 1, title: '好支书', rule: null }))
})

describe('ZLedgerCreate', () => {
  it.each<[string, unknown]>([
    ['a valid entry', makeLedgerInput()],
    ['nine photos', makeLedgerInput({ photos: Array.from({ length: 9 }, (_, i) => localPhoto(i + 1)) })],
    ['no photos', makeLedgerInput({ photos: [] })],
    ['其他 with a name', makeLedgerInput({ activityType: '其他', otherName: '植树活动' })],
    ['a figure', makeLedgerInput({ activityType: '集体经济收入', star: 2, figure: 126000 })],
    ['with a request id', makeLedgerInput({ requestId: 'req-12345678' })],
  ])('accepts %s', (_l, input) => ok(ZLedgerCreate, input))
  it.each<[string, unknown]>([
    ['ten photos', makeLedgerInput({ photos: Array.from({ length: 10 }, (_, i) => localPhoto(i + 1)) })],
    ['a photo that is a web address', makeLedgerInput({ photos: ['https://evil.example/x.jpg'] })],
    ['star 6', { ...makeLedgerInput(), star: 6 }],
    ['30 February', makeLedgerInput({ date: '2026-02-30' })],
    ['a negative participant count', makeLedgerInput({ participants: { count: -1, names: [] } })],
    ['a summary of 4 characters', makeLedgerInput({ summary: '开展活动' })],
    ['a summary of 1001 characters', makeLedgerInput({ summary: '好'.repeat(1001) })],
    ['a negative figure', makeLedgerInput({ figure: -5 })],
    ['an infinite figure', { ...makeLedgerInput(), figure: Infinity }],
    ['a missing village', { ...makeLedgerInput(), villageId: undefined }],
  ])('refuses %s', (_l, input) => bad(ZLedgerCreate, input))
  it('drops an openid in the payload', () => {
    expect(ZLedgerCreate.parse({ ...makeLedgerInput(), createdBy: 'someone', status: 'verified' })).not.toHaveProperty('status')
  })
})

describe('reviews need a comment to send back', () => {
  it('ledger: return without a comment is refused, verify without one is fine', () => {
    bad(ZLedgerReview, { entryId: 'e1', decision: 'return' })
    ok(ZLedgerReview, { entryId: 'e1', decision: 'return', comment: '照片不清晰' })
    ok(ZLedgerReview, { entryId: 'e1', decision: 'verify' })
  })
  it('checklist: reject without a reason is refused', () => {
    bad(ZChecklistReview, { itemId: 'i1', decision: 'reject' })
    ok(ZChecklistReview, { itemId: 'i1', decision: 'reject', comment: '照片与事项不符' })
  })
})

describe('ZChecklistClose: 销号 needs evidence', () => {
  it.each<[string, unknown]>([
    ['a linked ledger entry', { itemId: 'i1', ledgerEntryId: 'e1' }],
    ['photos with a note', { itemId: 'i1', photos: [localPhoto(1)], note: '已维修完毕' }],
  ])('accepts %s', (_l, input) => ok(ZChecklistClose, input))
  it.each<[string, unknown]>([
    ['nothing', { itemId: 'i1' }],
    ['photos without a note', { itemId: 'i1', photos: [localPhoto(1)] }],
    ['a note without photos', { itemId: 'i1', note: '已完成' }],
  ])('refuses %s', (_l, input) => bad(ZChecklistClose, input))
})

describe('other inputs', () => {
  // Exactly one of ownerId and ownerRef is the handler's check (tests/backend/actions/records.test.ts).
  it('checklist items name their owner by id or by role.list handle, and a due month', () => {
    ok(ZChecklistCreate, { villageId: 'fangbei', text: '路灯维修', ownerId: 'p1', dueMonth: '2026-12' })
    ok(ZChecklistCreate, { villageId: 'fangbei', text: '路灯维修', ownerRef: 'AbC-12_x', dueMonth: '2026-12' })
    bad(ZChecklistCreate, { villageId: 'fangbei', text: '路灯维修', ownerRef: 'not a ref!', dueMonth: '2026-12' })
    bad(ZChecklistCreate, { villageId: 'fangbei', text: '路灯维修', ownerId: 'p1', dueMonth: '2026-12-01' })
  })
  it('export spans: from ≤ to, at most 24 months', () => {
    ok(ZExportLedger, { from: '2026-01', to: '2026-12' })
    bad(ZExportLedger, { from: '2026-12', to: '2026-01' })
    bad(ZExportLedger, { from: '2024-01', to: '2026-01' })
  })
  it('targets and copies', () => {
    ok(ZTargetSet, { villageId: 'tiegou', year: 2026, stars: [1, 3, 4] })
    bad(ZTargetSet, { villageId: 'tiegou', year: 2026, stars: [1, 1] })
    bad(ZCatalogueCopyYear, { from: 2026, to: 2026 })
  })
})

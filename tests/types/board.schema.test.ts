import { ZBoardGet, ZBoardListDates } from '../../types/board'
import { messagesOf } from './schema-helpers'

const makeListDatesInput = (overrides: Record<string, unknown> = {}) => ({ villageId: 'tiegou', ...overrides })

describe('ZBoardListDates', () => {
  it('defaults the page size to 20', () => {
    expect(ZBoardListDates.parse(makeListDatesInput()).limit).toBe(20)
  })

  it.each([
    ['the smallest page', makeListDatesInput({ limit: 1 })],
    ['the largest page', makeListDatesInput({ limit: 50 })],
    ['an opaque cursor as a list gives it', makeListDatesInput({ cursor: 'WyIyMDI2LTExLTIwIiwidGllZ291XzIwMjYtMTEtMjAiXQ' })],
  ])('accepts %s', (_label, input) => {
    expect(messagesOf(ZBoardListDates, input)).toEqual([])
  })

  it.each([
    ['a page of 0', makeListDatesInput({ limit: 0 }), '每页至少 1 条'],
    ['a negative page', makeListDatesInput({ limit: -5 }), '每页至少 1 条'],
    ['a page of 51', makeListDatesInput({ limit: 51 }), '每页最多 50 条'],
    ['a huge page', makeListDatesInput({ limit: 1e9 }), '每页最多 50 条'],
    ['a fractional page', makeListDatesInput({ limit: 2.5 }), '每页条数应为整数'],
    ['a cursor with characters no cursor has', makeListDatesInput({ cursor: 'a b/c' }), '分页游标格式不正确'],
    ['a cursor too long', makeListDatesInput({ cursor: 'a'.repeat(201) }), '分页游标过长'],
    ['a bad village id', makeListDatesInput({ villageId: 'tie gou' }), '编号格式不正确'],
  ])('refuses %s', (_label, input, message) => {
    expect(messagesOf(ZBoardListDates, input)).toContain(message)
  })

  it('refuses a page size sent as a string', () => {
    expect(ZBoardListDates.safeParse(makeListDatesInput({ limit: '10' })).success).toBe(false)
  })
})

describe('ZBoardGet', () => {
  it('accepts a village without a date (today)', () => {
    expect(messagesOf(ZBoardGet, { villageId: 'tiegou' })).toEqual([])
  })

  it('refuses a date that does not exist', () => {
    expect(messagesOf(ZBoardGet, { villageId: 'tiegou', date: '2026-02-30' })).toContain('日期不存在')
  })
})

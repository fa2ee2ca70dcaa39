import { ZObjectionCreate } from '../../types/objection'
import { messagesOf } from './schema-helpers'

const makeObjectionInput = (overrides: Record<string, unknown> = {}) => ({
  noticeId: 't00000001',
  reason: '门前柴草已于昨日清理干净，请核实。',
  ...overrides,
})

describe('ZObjectionCreate', () => {
  it.each([
    ['a reason of 5 characters', makeObjectionInput({ reason: '已经清理了' })],
    ['a reason of 300 characters', makeObjectionInput({ reason: '理'.repeat(300) })],
    ['a reason with line breaks', makeObjectionInput({ reason: '第一，已清理。\n第二，有照片。' })],
  ])('accepts %s', (_label, input) => {
    expect(messagesOf(ZObjectionCreate, input)).toEqual([])
  })

  it.each([
    ['an empty reason', makeObjectionInput({ reason: '' }), '申诉理由不能为空'],
    ['a blank reason', makeObjectionInput({ reason: ' \t ' }), '申诉理由不能为空'],
    ['a reason shorter than 5 characters', makeObjectionInput({ reason: '不对' }), '申诉理由至少5个字'],
    ['a reason longer than 300 characters', makeObjectionInput({ reason: '理'.repeat(301) }), '申诉理由不能超过300个字'],
    ['a reason with NUL', makeObjectionInput({ reason: '已经清理了\u0000' }), '申诉理由含有非法字符'],
    ['an empty notice id', makeObjectionInput({ noticeId: '' }), '编号不能为空'],
    ['a notice id with a dot', makeObjectionInput({ noticeId: 'a.b' }), '编号格式不正确'],
  ])('refuses %s', (_label, input, message) => {
    expect(messagesOf(ZObjectionCreate, input)).toContain(message)
  })

  it('ignores an openid sent in the payload', () => {
    expect(ZObjectionCreate.parse(makeObjectionInput({ openid: 'someone-else' }))).not.toHaveProperty('openid')
  })
})

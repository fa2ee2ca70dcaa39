import { ZNoticeDraft, ZNoticeReview, NOTICE_CATEGORIES } from '../../types/notice'
import { makeDraft } from '../support/app-harness'
import { messagesOf } from './schema-helpers'

const cloudPhoto = (n: number) => `cloud://prod-5g1a.7072-prod/notices/photo-${n}.jpg`
const localPhoto = 'local://0123456789abcdef0123.jpg'

describe('ZNoticeDraft', () => {
  describe('accepts', () => {
    it.each<[string, unknown]>([
      ['a praise', makeDraft({ kind: 'praise' })],
      ['a criticism', makeDraft({ kind: 'criticism' })],
      ...NOTICE_CATEGORIES.map((category): [string, unknown] => [`category ${category}`, makeDraft({ category })]),
      ['a subject without household number', makeDraft({ subject: { name: '王建军' } })],
      ['text of exactly 5 characters', makeDraft({ text: '门前很整洁' })],
      ['text of exactly 500 characters', makeDraft({ text: '好'.repeat(500) })],
      ['text with line breaks and tabs', makeDraft({ text: '第一行：门前整洁\n第二行：\t庭院有序' })],
      ['no photos', makeDraft({ photos: [] })],
      ['three cloud photos', makeDraft({ photos: [cloudPhoto(1), cloudPhoto(2), cloudPhoto(3)] })],
      ['a local photo', makeDraft({ photos: [localPhoto] })],
      ['29 February of a leap year (2028-02-29)', makeDraft({ publishDate: '2028-02-29' })],
      ['31 December', makeDraft({ publishDate: '2026-12-31' })],
    ])('%s', (_label, input) => {
      expect(messagesOf(ZNoticeDraft, input)).toEqual([])
    })

    it('defaults photos to an empty list when left out', () => {
      const { photos: _photos, ...withoutPhotos } = makeDraft()
      expect(ZNoticeDraft.parse(withoutPhotos).photos).toEqual([])
    })

    it('trims surrounding blanks from the text and the name', () => {
      const parsed = ZNoticeDraft.parse(makeDraft({ text: '  门前很整洁  ', subject: { name: ' 王建军 ' } }))
      expect(parsed.text).toBe('门前很整洁')
      expect(parsed.subject.name).toBe('王建军')
    })

    it('drops fields the contract does not know (an openid in the payload never reaches a handler)', () => {
      const parsed = ZNoticeDraft.parse({ ...makeDraft(), openid: 'someone-else', draftedBy: 'someone-else' })
      expect(parsed).not.toHaveProperty('openid')
      expect(parsed).not.toHaveProperty('draftedBy')
    })
  })

  describe('refuses', () => {
    it.each([
      ['an unknown kind', makeDraft({ kind: 'warning' as never }), '类型应为表扬或曝光'],
      ['an unknown category', makeDraft({ category: '八卦' as never }), `类别应为：${NOTICE_CATEGORIES.join('、')}`],
      ['empty text', makeDraft({ text: '' }), '内容不能为空'],
      ['text of only blanks', makeDraft({ text: '    \n  ' }), '内容不能为空'],
      ['text shorter than 5 characters', makeDraft({ text: '很好' }), '内容至少5个字'],
      ['text longer than 500 characters', makeDraft({ text: '好'.repeat(501) }), '内容不能超过500个字'],
      ['text with a NUL character', makeDraft({ text: '门前很整洁\u0000有序' }), '内容含有非法字符'],
      ['text with a control character', makeDraft({ text: '门前很整洁\u0007有序' }), '内容含有非法字符'],
      ['text with DEL', makeDraft({ text: '门前很整洁\u007f有序' }), '内容含有非法字符'],
      ['an empty subject name', makeDraft({ subject: { name: '' } }), '姓名不能为空'],
      ['a subject name longer than 20 characters', makeDraft({ subject: { name: '王'.repeat(21) } }), '姓名不能超过20个字'],
      ['a subject name with NUL', makeDraft({ subject: { name: '王\u0000建军' } }), '姓名含有非法字符'],
      ['a household number with a control character', makeDraft({ subject: { name: '王建军', householdNo: '3组\u001b12号' } }), '户号含有非法字符'],
      ['four photos', makeDraft({ photos: [cloudPhoto(1), cloudPhoto(2), cloudPhoto(3), cloudPhoto(4)] }), '最多 3 张照片'],
      ['a photo from the open web', makeDraft({ photos: ['https://example.com/a.jpg'] }), '图片地址格式不正确'],
      ['a javascript: photo', makeDraft({ photos: ['javascript:alert(1)'] }), '图片地址格式不正确'],
      ['a local photo with a path', makeDraft({ photos: ['local://../../etc/passwd.jpg'] }), '图片地址格式不正确'],
      ['a local photo that is not an image', makeDraft({ photos: ['local://0123456789abcdef0123.exe'] }), '图片地址格式不正确'],
      ['an overlong photo id', makeDraft({ photos: [`cloud://env/${'a'.repeat(300)}.jpg`] }), '图片地址过长'],
      ['30 February (2026-02-30)', makeDraft({ publishDate: '2026-02-30' }), '日期不存在'],
      ['29 February of a common year (2027-02-29)', makeDraft({ publishDate: '2027-02-29' }), '日期不存在'],
      ['month 13', makeDraft({ publishDate: '2026-13-01' }), '日期不存在'],
      ['a date without leading zeros', makeDraft({ publishDate: '2026-1-5' }), '日期格式应为 YYYY-MM-DD'],
      ['a date with a time', makeDraft({ publishDate: '2026-11-28T07:00' }), '日期格式应为 YYYY-MM-DD'],
      ['an empty village id', makeDraft({ villageId: '' }), '编号不能为空'],
      ['a village id with a slash', makeDraft({ villageId: '../tiegou' }), '编号格式不正确'],
      ['an overlong village id', makeDraft({ villageId: 'v'.repeat(65) }), '编号过长'],
    ])('%s', (_label, input, message) => {
      expect(messagesOf(ZNoticeDraft, input)).toContain(message)
    })
  })
})

describe('ZNoticeReview', () => {
  const review = (overrides: Record<string, unknown> = {}) => ({ noticeId: 'n1', decision: 'approve', ...overrides })

  it.each([
    ['an approval', review()],
    ['a rejection with a comment', review({ decision: 'reject', comment: '请补充整改要求' })],
    ['an approval with the version seen', review({ expectedVersion: 1 })],
  ])('accepts %s', (_label, input) => {
    expect(messagesOf(ZNoticeReview, input)).toEqual([])
  })

  it.each([
    ['an unknown decision', review({ decision: 'publish' }), '审核结果应为通过或驳回'],
    ['an empty comment', review({ comment: '   ' }), '审核意见不能为空'],
    ['a comment longer than 200 characters', review({ comment: '好'.repeat(201) }), '审核意见不能超过200个字'],
    ['a comment with NUL', review({ comment: '同意\u0000' }), '审核意见含有非法字符'],
    ['a bad notice id', review({ noticeId: 'n1; drop table' }), '编号格式不正确'],
    ['a version below 1', review({ expectedVersion: 0 }), '版本号不正确'],
    ['a fractional version', review({ expectedVersion: 1.5 }), '版本号不正确'],
  ])('refuses %s', (_label, input, message) => {
    expect(messagesOf(ZNoticeReview, input)).toContain(message)
  })
})

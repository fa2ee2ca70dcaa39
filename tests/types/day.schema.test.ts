import { ZDay } from '../../types/common'
import { messagesOf } from './schema-helpers'

describe('ZDay', () => {
  it.each([
    ['an ordinary day', '2026-11-27'],
    ['29 February of a leap year', '2028-02-29'],
    ['29 February of a century leap year', '2000-02-29'],
    ['the last day of a 30-day month', '2026-04-30'],
    ['the last day of the year', '2026-12-31'],
  ])('accepts %s (%s)', (_label, day) => {
    expect(messagesOf(ZDay, day)).toEqual([])
  })

  it.each([
    ['30 February', '2026-02-30', '日期不存在'],
    ['29 February of a common year', '2026-02-29', '日期不存在'],
    ['31 April', '2026-04-31', '日期不存在'],
    ['day 0', '2026-11-00', '日期不存在'],
    ['month 0', '2026-00-10', '日期不存在'],
    ['month 13', '2026-13-01', '日期不存在'],
    ['a year before 2000', '1999-12-31', '日期不存在'],
    ['a year after 2100', '2101-01-01', '日期不存在'],
    ['slashes', '2026/11/27', '日期格式应为 YYYY-MM-DD'],
    ['no leading zeros', '2026-1-5', '日期格式应为 YYYY-MM-DD'],
    ['a full timestamp', '2026-11-27T00:00:00Z', '日期格式应为 YYYY-MM-DD'],
    ['a trailing newline', '2026-11-27\n', '日期格式应为 YYYY-MM-DD'],
    ['an empty string', '', '日期格式应为 YYYY-MM-DD'],
  ])('refuses %s (%j)', (_label, day, message) => {
    expect(messagesOf(ZDay, day)).toContain(message)
  })

  it('refuses a number', () => {
    expect(ZDay.safeParse(20261127).success).toBe(false)
  })
})

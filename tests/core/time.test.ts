import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { addDays, chinaDay, chineseDate, daysBetween, isPublishDue, publishInstant } from '../../core/time'

const at = (iso: string) => new Date(iso)

describe('chinaDay', () => {
  it('is still the same day at 15:59 UTC (23:59 in China)', () => {
    expect(chinaDay(at('2026-11-27T15:59:00Z'))).toBe('2026-11-27')
  })

  it('turns to the next day at 16:00 UTC (00:00 in China)', () => {
    expect(chinaDay(at('2026-11-27T16:00:00Z'))).toBe('2026-11-28')
  })

  it('is the next day at 23:30 UTC (07:30 in China), not the UTC day', () => {
    expect(chinaDay(at('2026-11-27T23:30:00Z'))).toBe('2026-11-28')
  })

  it('crosses the year in China before it does in UTC', () => {
    expect(chinaDay(at('2026-12-31T16:00:00Z'))).toBe('2027-01-01')
  })
})

describe('isPublishDue', () => {
  it('is not due at 22:59 UTC the day before (06:59 in China)', () => {
    expect(isPublishDue('2026-11-28', at('2026-11-27T22:59:59.999Z'))).toBe(false)
  })

  it('is due at 23:00 UTC the day before (07:00 in China)', () => {
    expect(isPublishDue('2026-11-28', at('2026-11-27T23:00:00Z'))).toBe(true)
  })

  it('stays due for days after', () => {
    expect(isPublishDue('2026-11-28', at('2026-12-05T12:00:00Z'))).toBe(true)
  })

  it('is not due for a later day', () => {
    expect(isPublishDue('2026-11-29', at('2026-11-28T10:00:00Z'))).toBe(false)
  })
})

describe('publishInstant', () => {
  it('is 07:00 China time, 23:00 UTC the day before', () => {
    expect(publishInstant('2026-11-28').toISOString()).toBe('2026-11-27T23:00:00.000Z')
  })

  describe('whatever the host clock zone', () => {
    // Jest's process.env is a copy, so the host zone is set on a child process running the same module.
    const timeModule = path.resolve(__dirname, '../../core/time.ts')
    const tsx = path.resolve(__dirname, '../../node_modules/.bin/tsx')
    function inHostZone(zone: string, expression: string): unknown {
      const script = `import * as time from ${JSON.stringify(timeModule)}; console.log(JSON.stringify(${expression}))`
      const out = execFileSync(tsx, ['-e', script], { env: { ...process.env, TZ: zone }, encoding: 'utf8' })
      return JSON.parse(out)
    }

    // Days on which the host zone itself changes its clocks are where a host-zone parse goes wrong.
    it.each([
      ['America/New_York', ['2026-03-08', '2026-11-01']],
      ['Europe/London', ['2026-03-29', '2026-10-25']],
      ['Australia/Sydney', ['2026-04-05', '2026-10-04']],
      ['Pacific/Kiritimati', ['2026-11-28']],
    ])('host in %s: each day is due at 23:00 UTC the day before', (zone, days) => {
      const expected = days.map((day) => `${addDays(day, -1)}T23:00:00.000Z`)
      expect(inHostZone(zone, `${JSON.stringify(days)}.map((d) => time.publishInstant(d).toISOString())`)).toEqual(expected)
    })

    it('host in America/Los_Angeles: 16:00 UTC is already tomorrow in China', () => {
      expect(inHostZone('America/Los_Angeles', "time.chinaDay(new Date('2026-03-07T16:00:00Z'))")).toBe('2026-03-08')
    })
  })
})

describe('day arithmetic', () => {
  it.each([
    ['2026-11-27', 1, '2026-11-28'],
    ['2026-11-30', 1, '2026-12-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-11-27', -7, '2026-11-20'],
  ])('addDays(%s, %i) is %s', (day, n, expected) => {
    expect(addDays(day, n)).toBe(expected)
  })

  it.each([
    ['2026-11-20', '2026-11-27', 7],
    ['2026-11-27', '2026-11-27', 0],
    ['2026-12-31', '2027-01-01', 1],
    ['2026-11-28', '2026-11-27', -1],
  ])('daysBetween(%s, %s) is %i', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected)
  })

  it('writes a day the Chinese way', () => {
    expect(chineseDate('2026-11-07')).toBe('2026年11月7日')
  })
})

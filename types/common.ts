import { z } from 'zod'

/** A calendar day in China time, `YYYY-MM-DD`, that really exists (2026-02-30 does not). */
export const ZDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine(isRealDay, '日期不存在')
export type Day = z.infer<typeof ZDay>

function isRealDay(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number)
  if (y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1) return false
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return d <= daysInMonth
}

/** A record id: letters, digits, `_` and `-` only, so it is safe in any store and URL. */
export const ZId = z
  .string()
  .min(1, '编号不能为空')
  .max(64, '编号过长')
  .regex(/^[A-Za-z0-9_-]+$/, '编号格式不正确')

/** Trimmed text with no control characters (NUL and friends are refused, not stored). */
export function zText(label: string, max: number, min = 1) {
  return z
    .string()
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(1, `${label}不能为空`)
        .min(min, `${label}至少${min}个字`)
        .max(max, `${label}不能超过${max}个字`)
        // eslint-disable-next-line no-control-regex
        .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), `${label}含有非法字符`),
    )
}

/** A page size, 1 to 50. */
export const ZPageLimit = z.number().int('每页条数应为整数').min(1, '每页至少 1 条').max(50, '每页最多 50 条')

/**
 * An opaque page cursor, exactly as a list's `nextCursor` gave it: base64url (the board's lists) or a
 * list's sort key such as `2026-11-27T02:00:00.000Z_<id>` (records, applications, inbox).
 */
export const ZCursor = z.string().min(1, '分页游标不能为空').max(200, '分页游标过长').regex(/^[A-Za-z0-9_.:~-]+$/, '分页游标格式不正确')

/** Keyset pagination: pass back `nextCursor` to get the following page. */
export const ZPageQuery = z.object({
  cursor: ZCursor.optional(),
  limit: ZPageLimit.default(20),
})
export type PageQuery = z.infer<typeof ZPageQuery>

/** One page of a list. */
export function zPage<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() })
}
export type Page<T> = { items: T[]; nextCursor: string | null }

/** A photo: a WeChat cloud file id (`cloud://…`) or a file uploaded to the local server (`local://…`). */
export const ZPhotoId = z
  .string()
  .max(300, '图片地址过长')
  .regex(/^(cloud:\/\/[\w.\-/]+|local:\/\/[a-f0-9]{16,64}\.(jpg|jpeg|png|webp))$/, '图片地址格式不正确')

/**
 * A client-made id for one create request (one form submission), kept across that request's
 * retries so a retry after a lost answer returns the first result instead of a second record.
 */
/** An opaque handle of a person (role.list's `ref`, never their OPENID). */
export const ZPersonRef = z.string().min(1).max(200, '人员编号过长').regex(/^[A-Za-z0-9_-]+$/, '人员编号格式不正确')

export const ZRequestId = z
  .string()
  .min(8, '请求编号过短')
  .max(64, '请求编号过长')
  .regex(/^[A-Za-z0-9_-]+$/, '请求编号格式不正确')

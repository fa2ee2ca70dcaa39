import { z } from 'zod'
import { TEMPLATE_KEYS, type TemplateKey } from '../../types/inbox'

/** What a template's message carries; mapped to the template's own field keys by configuration. */
export type MessagePart = 'title' | 'body' | 'time'

/** One subscribe-message template of the WeChat console: its id and which of its keys gets which part. */
export interface TemplateSetting {
  id: string
  /** WeChat key (`thing1`, `time3`, …) → the part of the message it shows. */
  fields: Record<string, MessagePart>
}
export type TemplateConfig = Partial<Record<TemplateKey, TemplateSetting>>

/** Environment variable of each template's id, e.g. WX_TEMPLATE_REVIEW (README lists them). */
export const TEMPLATE_ENV: Record<TemplateKey, string> = {
  review: 'WX_TEMPLATE_REVIEW',
  result: 'WX_TEMPLATE_RESULT',
  board: 'WX_TEMPLATE_BOARD',
  due: 'WX_TEMPLATE_DUE',
}

/** The keys the README asks for when choosing each template in the console; overridable with <ENV>_FIELDS. */
export const DEFAULT_FIELDS: Record<TemplateKey, string> = {
  review: 'thing1:title,thing2:body,time3:time',
  result: 'thing1:title,thing2:body,time3:time',
  board: 'thing1:title,thing2:body,time3:time',
  due: 'thing1:title,thing2:body,time3:time',
}

/** Local mode has no WeChat: stand-in ids so the browser demo can subscribe and see what would be sent. */
export const LOCAL_TEMPLATES: TemplateConfig = Object.fromEntries(
  TEMPLATE_KEYS.map((key) => [key, { id: `local-${key}`, fields: parseFields(DEFAULT_FIELDS[key]) }]),
)

const ZTemplateId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '模板编号只能含字母、数字、_ 和 -')
const ZFields = z
  .string()
  .regex(/^([A-Za-z_]+[0-9]*:(title|body|time))(,[A-Za-z_]+[0-9]*:(title|body|time))*$/, '字段映射应写作 thing1:title,thing2:body,time3:time')

function parseFields(spec: string): Record<string, MessagePart> {
  return Object.fromEntries(spec.split(',').map((pair) => pair.split(':') as [string, MessagePart]))
}

/** Reads the templates from the cloud function's environment; a bad value fails at start-up, loudly. */
export function templatesFromEnv(env: NodeJS.ProcessEnv): TemplateConfig {
  const config: TemplateConfig = {}
  for (const key of TEMPLATE_KEYS) {
    const id = env[TEMPLATE_ENV[key]]
    if (!id) continue
    const fields = env[`${TEMPLATE_ENV[key]}_FIELDS`] ?? DEFAULT_FIELDS[key]
    config[key] = { id: ZTemplateId.parse(id), fields: parseFields(ZFields.parse(fields)) }
  }
  return config
}

/** The template key a WeChat template id stands for in this deployment, if any. */
export function templateKeyOf(config: TemplateConfig, templateId: string): TemplateKey | null {
  return TEMPLATE_KEYS.find((key) => config[key]?.id === templateId) ?? null
}

import fs from 'node:fs'
import path from 'node:path'
import { createHash } from 'node:crypto'
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify'
import fastifyStatic from '@fastify/static'
import type { ApiResponse, ErrorCode } from '../types/errors'
import { handleApiCall, toErrorResponse } from '../backend/router'
import { runDailyPublish } from '../backend/publish/daily'
import type { Deps } from '../backend/deps'
import { DEMO_PEOPLE } from '../backend/seed/fanggang-data'
import { EXPORT_NAME } from '../backend/files'
import { MAX_PHOTO_BYTES, imageTypeOf } from './image-type'

export interface LocalServerOptions {
  deps: Deps
  dataDir: string
  h5Dir: string
  /** Largest JSON body accepted by /cloud/* (bytes). */
  jsonBodyLimit?: number
  logger?: boolean
  /** The demo login (default on); off, every request is an anonymous visitor. */
  demoLogin?: boolean
}

const DEMO_HEADER = 'x-demo-openid'
// Uploads may arrive as any of these; what they are is judged by their bytes (imageTypeOf).
const UPLOAD_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/jpg', 'application/octet-stream']
const UPLOAD_NAME = /^[a-f0-9]{16,64}\.(jpg|jpeg|png|webp)$/
const demoOpenids = new Set(DEMO_PEOPLE.map((p) => p.openid))

const STATUS: Record<ErrorCode, number> = {
  INVALID_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, CONTENT_REJECTED: 422, INTERNAL: 500,
}

function fail(reply: FastifyReply, status: number, code: ErrorCode, message: string) {
  const body: ApiResponse<never> = { ok: false, error: { code, message } }
  return reply.status(status).send(body)
}

/**
 * Local mode's one process: the cloud functions over HTTP (`POST /cloud/<name>`), the demo login,
 * photo uploads, and the H5 build. The caller's identity comes from the demo-login header only,
 * and only for the seeded demo people — never from the payload.
 */
export async function buildLocalServer(options: LocalServerOptions): Promise<FastifyInstance> {
  const { deps } = options
  const demoLogin = options.demoLogin ?? true
  const uploadsDir = path.join(options.dataDir, 'uploads')
  fs.mkdirSync(uploadsDir, { recursive: true })
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: options.jsonBodyLimit ?? 256 * 1024 })

  app.addContentTypeParser(UPLOAD_TYPES, { parseAs: 'buffer', bodyLimit: MAX_PHOTO_BYTES }, (_req, body, done) => done(null, body))

  app.setErrorHandler((error: { statusCode?: number; code?: string }, request, reply) => {
    if (error.statusCode === 413 && request.url.startsWith('/local/upload')) return fail(reply, 413, 'INVALID_INPUT', '图片不能超过 2 MB，请压缩后重试')
    if (error.statusCode === 413) return fail(reply, 413, 'INVALID_INPUT', '请求体过大')
    if (error.statusCode === 415) return fail(reply, 415, 'INVALID_INPUT', '不支持的请求类型，请使用 application/json')
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return fail(reply, error.statusCode, 'INVALID_INPUT', '请求格式不正确（JSON 无法解析）')
    app.log.error(error)
    return fail(reply, 500, 'INTERNAL', '服务器内部错误，请稍后重试')
  })
  app.setNotFoundHandler((_request, reply) => fail(reply, 404, 'NOT_FOUND', '页面或接口不存在'))

  /** The demo identity of this request: null for an anonymous visitor; undefined if unknown (refused). */
  const demoIdentity = (header: string | string[] | undefined): string | null | undefined => {
    if (header === undefined || header === '') return null
    if (!demoLogin || typeof header !== 'string' || !demoOpenids.has(header)) return undefined
    return header
  }

  app.post('/cloud/api', async (request, reply) => {
    const openid = demoIdentity(request.headers[DEMO_HEADER])
    if (openid === undefined) return fail(reply, 401, 'UNAUTHENTICATED', '未知的演示身份，请重新选择演示登录')
    const response = await handleApiCall(request.body, openid, deps)
    return reply.status(response.ok ? 200 : STATUS[response.error.code]).send(response)
  })

  app.post('/cloud/publishDaily', async (request, reply) => {
    try {
      const report = await runDailyPublish(deps, request.body ?? {})
      return reply.send({ ok: true, data: report })
    } catch (error) {
      const response = toErrorResponse(error)
      return reply.status(response.ok ? 200 : STATUS[response.error.code]).send(response)
    }
  })

  app.get('/local/demo-people', async () => ({
    ok: true,
    data: demoLogin ? DEMO_PEOPLE.map(({ openid, name, label }) => ({ openid, name, label })) : [],
  }))

  app.post('/local/upload', async (request, reply) => {
    if (!Buffer.isBuffer(request.body)) return fail(reply, 415, 'INVALID_INPUT', '只支持上传 JPG、PNG 或 WEBP 图片')
    if (demoIdentity(request.headers[DEMO_HEADER]) == null) return fail(reply, 401, 'UNAUTHENTICATED', '请先登录后再上传图片')
    // The declared type is the sender's claim; the bytes decide (a script labelled image/png is refused).
    const extension = imageTypeOf(request.body)
    if (!extension) return fail(reply, 415, 'INVALID_INPUT', '文件内容不是 JPG、PNG 或 WEBP 图片，请重新选择照片')
    if (request.body.length > MAX_PHOTO_BYTES) return fail(reply, 413, 'INVALID_INPUT', '图片不能超过 2 MB，请压缩后重试')
    const name = `${createHash('sha256').update(request.body).digest('hex').slice(0, 32)}.${extension}`
    await fs.promises.writeFile(path.join(uploadsDir, name), request.body)
    return reply.send({ ok: true, data: { fileId: `local://${name}` } })
  })

  await app.register(fastifyStatic, { root: uploadsDir, prefix: '/files/', serve: false, decorateReply: true })
  app.get<{ Params: { name: string } }>('/files/:name', async (request, reply) => {
    if (!UPLOAD_NAME.test(request.params.name)) return fail(reply, 404, 'NOT_FOUND', '图片不存在')
    if (!fs.existsSync(path.join(uploadsDir, request.params.name))) return fail(reply, 404, 'NOT_FOUND', '图片不存在')
    return reply.sendFile(request.params.name, uploadsDir)
  })

  // Exports (export.ledger / export.checklist) written by the local file sink, by random name only.
  const exportsDir = path.join(options.dataDir, 'exports')
  app.get<{ Params: { name: string } }>('/exports/:name', async (request, reply) => {
    if (!EXPORT_NAME.test(request.params.name) || !fs.existsSync(path.join(exportsDir, request.params.name))) return fail(reply, 404, 'NOT_FOUND', '文件不存在或已过期')
    const data = await fs.promises.readFile(path.join(exportsDir, request.params.name))
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${request.params.name}"`)
      .send(data)
  })

  if (fs.existsSync(options.h5Dir)) {
    await app.register(fastifyStatic, { root: options.h5Dir, prefix: '/', decorateReply: false, index: ['index.html'] })
  }
  return app
}

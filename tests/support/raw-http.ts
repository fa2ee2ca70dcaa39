import http from 'node:http'
import net from 'node:net'

/** What came back from a raw request: status, headers, body text and (if it was JSON) the parsed body. */
export interface RawResponse {
  status: number
  headers: http.IncomingHttpHeaders
  text: string
  json: unknown
}

/**
 * One HTTP request with the path sent exactly as given (fetch and URL would normalise `/../`
 * and percent-escapes away, which is the very thing a traversal test must not do).
 */
export function rawRequest(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string | string[]>; body?: string | Buffer },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1', port, agent: false, method: options.method ?? 'GET', path: options.path,
        // A declared length unless the caller chose chunked: Node sends a DELETE's or OPTIONS's body unframed otherwise.
        headers: options.body === undefined || options.headers?.['transfer-encoding']
          ? options.headers
          : { 'content-length': String(Buffer.byteLength(options.body)), ...options.headers },
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let json: unknown = undefined
          try {
            json = JSON.parse(text)
          } catch {
            json = undefined
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json })
        })
        response.on('error', reject)
      },
    )
    // A server may answer 413 and close before reading everything we send.
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') resolve({ status: -1, headers: {}, text: error.code, json: undefined })
      else reject(error)
    })
    if (options.body !== undefined) request.write(options.body)
    request.end()
  })
}

/** A JSON POST to the local server's `api` function. */
export const postApi = (port: number, body: unknown, headers: Record<string, string> = {}) =>
  rawRequest(port, {
    method: 'POST',
    path: '/cloud/api',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

/** Bytes written straight to a socket (not even HTTP, or broken HTTP); answers what came back before close. */
export function rawSocket(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(bytes))
    const chunks: Buffer[] = []
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')))
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(error)))
  })
}

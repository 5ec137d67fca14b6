import http from 'node:http';
import https from 'node:https';

/** Why a request failed, in the terms the scheduler acts on (back off, honour Retry-After, give up). */
export class SourceError extends Error {
  constructor(
    message: string,
    readonly kind: 'timeout' | 'http' | 'network' | 'oversize' | 'truncated' | 'format',
    readonly status: number | null = null,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

export interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  maxBytes: number;
  signal?: AbortSignal;
}

const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 8 }), https: new https.Agent({ keepAlive: true, maxSockets: 8 }) };

/** Retry-After is either seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * One HTTP exchange with a hard deadline and a hard size bound: the body is counted as it streams
 * and the socket is destroyed past `maxBytes`, so a hostile or broken source cannot exhaust memory.
 * A body shorter than its Content-Length (a cut connection) is reported as truncated.
 */
export function request(url: string, options: RequestOptions): Promise<Response> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const lib = target.protocol === 'https:' ? https : http;
    const body = options.body === undefined ? undefined : Buffer.from(options.body);
    const req = lib.request(target, {
      method: options.method ?? 'GET',
      agent: target.protocol === 'https:' ? agents.https : agents.http,
      headers: { accept: 'application/json, application/xml;q=0.9, */*;q=0.5', ...(body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}), ...options.headers },
    });
    let settled = false;
    const fail = (error: SourceError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      req.destroy();
      reject(error);
    };
    const timer = setTimeout(() => fail(new SourceError(`no answer within ${options.timeoutMs} ms`, 'timeout')), options.timeoutMs);
    const onAbort = () => fail(new SourceError('cancelled', 'network'));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    let size = 0;
    let responded = false;
    // After the headers, a dropped connection means the body was cut short.
    req.on('error', (error) => fail(responded ? new SourceError(`connection cut after ${size} bytes: ${error.message}`, 'truncated') : new SourceError(error.message, 'network')));
    req.on('response', (res) => {
      responded = true;
      const declared = res.headers['content-length'] ? Number(res.headers['content-length']) : null;
      if (declared !== null && declared > options.maxBytes) {
        fail(new SourceError(`response of ${declared} bytes exceeds the limit of ${options.maxBytes}`, 'oversize', res.statusCode ?? null));
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) fail(new SourceError(`response exceeds the limit of ${options.maxBytes} bytes`, 'oversize', res.statusCode ?? null));
        else chunks.push(chunk);
      });
      res.on('aborted', () => fail(new SourceError(`connection cut after ${size} bytes`, 'truncated', res.statusCode ?? null)));
      res.on('error', () => fail(new SourceError(`connection cut after ${size} bytes`, 'truncated', res.statusCode ?? null)));
      res.on('end', () => {
        if (settled) return;
        if (declared !== null && size < declared) {
          fail(new SourceError(`body truncated: ${size} of ${declared} bytes`, 'truncated', res.statusCode ?? null));
          return;
        }
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks, size) });
      });
    });
    req.end(body);
  });
}

/** Throws the scheduler's error for any non-2xx answer. */
export function expectOk(res: Response, what: string): Response {
  if (res.status >= 200 && res.status < 300) return res;
  const retryAfter = parseRetryAfter(res.headers['retry-after'] as string | undefined);
  throw new SourceError(`${what}: HTTP ${res.status}`, 'http', res.status, retryAfter);
}

export function joinUrl(base: string, path: string, query: Record<string, string | number | undefined> = {}): string {
  const url = new URL(path.replace(/^\//, ''), base.endsWith('/') ? base : `${base}/`);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
  return url.toString();
}

export function parseJsonBody(res: Response, what: string): unknown {
  try {
    return JSON.parse(res.body.toString('utf8'));
  } catch (error) {
    throw new SourceError(`${what}: malformed JSON (${(error as Error).message})`, 'format', res.status);
  }
}

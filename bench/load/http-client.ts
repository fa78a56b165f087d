import { Agent, request } from 'node:http';

/**
 * The load generator's HTTP client: node:http over keep-alive sockets. The bench measures servers, so the client
 * must cost as little as it can on the two cores it shares with them; WHATWG `fetch` (undici with streams, an
 * AbortSignal timer and a Response per request) spent about as much CPU per request as the in-memory peer served.
 */
const agent = new Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 256 });

export interface HttpAnswer {
  status: number;
  text: string;
}

export function httpRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs: number },
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const headers = { ...init.headers };
    if (init.body !== undefined) headers['content-length'] = String(Buffer.byteLength(init.body));
    const req = request(url, { method: init.method ?? 'GET', headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(init.timeoutMs, () => req.destroy(new Error(`no answer within ${init.timeoutMs} ms: ${url}`)));
    req.on('error', reject);
    req.end(init.body);
  });
}

export const isOk = (status: number): boolean => status >= 200 && status < 300;

import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import type { FuzzRequest } from './generator';

export interface FuzzResponse {
  /** HTTP status, or 0 when no response arrived (connection refused or reset, timeout). */
  status: number;
  ms: number;
  /** The first bytes of the body, for the report's samples. */
  bodyStart: string;
  /** Why there was no response. */
  error?: string;
  contentType?: string;
}

const KEEP_BODY = 600;

/**
 * Sends requests with node:http (fetch refuses TRACE and odd method tokens) over a keep-alive
 * agent, or raw bytes on a fresh socket.
 */
export class FuzzClient {
  private readonly agent: Agent;

  constructor(
    private readonly host: string,
    private readonly port: number,
    concurrency: number,
    private readonly timeoutMs = 60_000,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  }

  send(fuzz: FuzzRequest): Promise<FuzzResponse> {
    return fuzz.raw !== undefined ? this.sendRaw(fuzz.raw) : this.sendHttp(fuzz);
  }

  close(): void {
    this.agent.destroy();
  }

  private sendHttp(fuzz: FuzzRequest): Promise<FuzzResponse> {
    const started = performance.now();
    return new Promise((resolve) => {
      let settled = false;
      const done = (response: Omit<FuzzResponse, 'ms'>) => {
        if (settled) return;
        settled = true;
        resolve({ ...response, ms: performance.now() - started });
      };
      let req;
      try {
        req = request(
          {
            host: this.host,
            port: this.port,
            method: fuzz.method,
            path: fuzz.path,
            headers: fuzz.headers,
            agent: this.agent,
            timeout: this.timeoutMs,
          },
          (res) => {
            const chunks: Buffer[] = [];
            let kept = 0;
            res.on('data', (chunk: Buffer) => {
              if (kept < KEEP_BODY) {
                chunks.push(chunk);
                kept += chunk.length;
              }
            });
            res.on('end', () =>
              done({
                status: res.statusCode ?? 0,
                bodyStart: Buffer.concat(chunks).toString('utf8').slice(0, KEEP_BODY),
                contentType: res.headers['content-type'],
              }),
            );
            res.on('error', (error) => done({ status: res.statusCode ?? 0, bodyStart: '', error: error.message }));
          },
        );
      } catch (error) {
        // node:http refused to build the request (an invalid header or path): nothing was sent.
        return done({ status: -1, bodyStart: '', error: (error as Error).message });
      }
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (error: NodeJS.ErrnoException) =>
        done({ status: 0, bodyStart: '', error: error.code ?? error.message }),
      );
      if (fuzz.body !== undefined) req.end(fuzz.body);
      else req.end();
    });
  }

  private sendRaw(raw: string): Promise<FuzzResponse> {
    const started = performance.now();
    return new Promise((resolve) => {
      const socket = connect({ host: this.host, port: this.port });
      const chunks: Buffer[] = [];
      let settled = false;
      const done = (error?: string) => {
        if (settled) return;
        settled = true;
        socket.destroy();
        const text = Buffer.concat(chunks).toString('latin1');
        const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
        const body = text.split('\r\n\r\n').slice(1).join('\r\n\r\n');
        resolve({
          status,
          ms: performance.now() - started,
          bodyStart: body.slice(0, KEEP_BODY),
          error: status ? undefined : (error ?? 'no response'),
        });
      };
      socket.setTimeout(this.timeoutMs, () => done('timeout'));
      socket.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        // One response is enough: stop once its headers and declared body are in.
        const text = Buffer.concat(chunks).toString('latin1');
        const head = text.indexOf('\r\n\r\n');
        const length = /content-length: (\d+)/i.exec(text.slice(0, head))?.[1];
        if (head >= 0 && length !== undefined && Buffer.byteLength(text.slice(head + 4), 'latin1') >= Number(length))
          done();
      });
      socket.on('end', () => done());
      socket.on('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
      socket.write(Buffer.from(raw, 'latin1'));
    });
  }
}

import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ScimError } from '@lib/scim';

/**
 * Request line plus headers, in bytes. Node's default is 16 KiB; the longest filter accepted
 * (4,096 characters) is up to 36 KiB once percent-encoded when it is not ASCII (9 bytes a
 * character), so 64 KiB leaves room for it, the other parameters and the usual headers.
 */
export const MAX_HEADER_BYTES = 64 * 1024;

/**
 * Limits of the HTTP server itself, and SCIM error bodies for what Node refuses before any
 * route runs (a request line or headers over the limit, a malformed request): Node would answer
 * those with an empty 431 or 400.
 */
export function configureHttpServer(server: Server): void {
  // Read by Node for each new connection, so setting it on the created server is enough.
  (server as Server & { maxHeaderSize?: number }).maxHeaderSize = MAX_HEADER_BYTES;
  // Replaces the framework's own answer (Fastify's is a JSON body of its own, written first).
  server.removeAllListeners('clientError');
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => answerClientError(error, socket));
}

function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  const responding = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (error.code === 'ECONNRESET' || !socket.writable || responding) {
    socket.destroy();
    return;
  }
  const status = statusOf(error.code);
  const body = JSON.stringify(new ScimError('SCIM-ustf', status, undefined, detailOf(status)).toBody());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/scim+json\r\nContent-Length: ` +
      `${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function statusOf(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

function detailOf(status: number): string {
  if (status === 431)
    return (
      `The request line and headers exceed ${MAX_HEADER_BYTES} bytes; send a long filter in the body of POST ` +
      `/.search.`
    );
  if (status === 408) return 'The request was not received in time.';
  return 'The request is not valid HTTP.';
}

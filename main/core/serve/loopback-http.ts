/** The plain HTTP of the credentials server: listening on loopback, the Host rule, answers, closing. */
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AnchorageError } from '../../../shared/errors';
import type { Answer } from './answers';

/** Loopback only (issue 11): the one address the server binds and the one its URLs name. */
export const HOST = '127.0.0.1';

/** Write an answer, with the headers every answer has: its type and length, and no caching. */
export function send(res: ServerResponse, a: Answer): void {
  res.writeHead(a.status, {
    'Content-Type': a.type === 'application/json' ? 'application/json' : 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(a.body),
    // Credentials must not be kept by any cache between a tool and this server.
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...a.headers,
  });
  res.end(a.body);
}

/** The Host header names this server: 127.0.0.1 or localhost, with its port (bare on port 80). */
export function hostAllowed(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const h = host.toLowerCase();
  return [HOST, 'localhost'].some((name) => h === `${name}:${port}` || (port === 80 && h === name));
}

/** A request target's path, without the query. */
export function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const q = raw.indexOf('?');
  return q < 0 ? raw : raw.slice(0, q);
}

/** Request text as an event may carry it: printable ASCII, at most 120 characters. */
export function printable(text: string | undefined): string {
  return (text ?? '').replace(/[^\x20-\x7e]/g, '?').slice(0, 120);
}

/** Listen on 127.0.0.1:`port` (0: a free one); resolves with the port, or rejects with PORT_UNAVAILABLE. */
export function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const errno = error.code ?? 'unknown';
      reject(
        new AnchorageError(
          'PORT_UNAVAILABLE',
          errno === 'EADDRINUSE'
            ? `Port ${port} on ${HOST} is already in use.`
            : `Could not listen on ${HOST}:${port} (${errno}).`,
          'Choose another port, or port 0 for a free one.',
          { cause: error, facts: { port, errno } },
        ),
      );
    };
    server.once('error', onError);
    server.listen(port, HOST, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stop listening and end every connection, idle keep-alive ones included. */
export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections of SDK clients would hold close() open until they time out.
    server.closeAllConnections();
  });
}

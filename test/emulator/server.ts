/**
 * The emulator's HTTP server on 127.0.0.1: IAM Roles Anywhere CreateSession at `POST /sessions`, STS
 * GetCallerIdentity at `/`, and an admin surface under `/__emulator/` for out-of-process control.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { HeaderPairs, WireRequest } from './canonical';
import { clockOf, configPatchSchema, faultSchema, type EmulatorConfig, type Fault } from './config';
import { createSession, type IssuedSession } from './create-session';
import { Rejection } from './rejection';
import { getCallerIdentity } from './sts';

export interface EmulatorStats {
  /** CreateSession requests received, faulted and rejected ones included. */
  createSession: number;
  /** GetCallerIdentity requests received. */
  getCallerIdentity: number;
  /** Every non-admin request. */
  requests: number;
  /** Requests answered with a status ≥ 400 or a reset connection. */
  rejected: number;
}

export interface Emulator {
  /** `http://127.0.0.1:PORT` */
  url: string;
  stats(): EmulatorStats;
  /** Make the next `count` (default 1) CreateSession requests fail, delay or reset. Faults queue up. */
  inject(fault: Fault): void;
  setConfig(patch: Partial<EmulatorConfig>): void;
  issued(): { accessKeyId: string; roleArn: string; subjectCn: string }[];
  close(): Promise<void>;
}

const ROLES_ANYWHERE_NS = 'http://internal.amazon.com/coral/com.amazonaws.rolesanywhere/';
const MAX_BODY = 1024 * 1024;

const FAULT_DEFAULTS: Record<number, [string, string]> = {
  429: ['ThrottlingException', 'Rate exceeded'],
  500: ['InternalServerException', 'An internal error occurred. Try again.'],
  503: ['ServiceUnavailableException', 'Service unavailable. Try again later.'],
};

function pairs(raw: string[]): HeaderPairs {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i] as string, raw[i + 1] as string]);
  return out;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(new Rejection(413, 'ValidationException', 'Request body too large.'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Start an emulator. It listens on 127.0.0.1 at `opts.port`, or a random free port by default.
 * What it verifies is listed in index.ts; `close()` ends pending delays and open connections.
 */
export async function startEmulator(config: EmulatorConfig, opts: { port?: number } = {}): Promise<Emulator> {
  let current: EmulatorConfig = { ...config };
  const faults: (Fault & { remaining: number })[] = [];
  const counters: EmulatorStats = { createSession: 0, getCallerIdentity: 0, requests: 0, rejected: 0 };
  const sessions = new Map<string, IssuedSession>();
  const timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const entry = { timer: setTimeout(() => (timers.delete(entry), resolve()), ms), resolve };
      timers.add(entry);
    });

  const inject = (fault: Fault): void => {
    faults.push({ ...fault, remaining: fault.count ?? 1 });
  };
  const setConfig = (patch: Partial<EmulatorConfig>): void => {
    current = { ...current, ...patch };
  };
  const issued = (): { accessKeyId: string; roleArn: string; subjectCn: string }[] =>
    [...sessions.values()].map((s) => ({
      accessKeyId: s.accessKeyId,
      roleArn: s.roleArn,
      subjectCn: s.subjectCn,
    }));

  const send = (res: ServerResponse, status: number, headers: Record<string, string>, body: string): void => {
    if (status >= 400) counters.rejected++;
    res.writeHead(status, { Date: clockOf(current).toUTCString(), ...headers });
    res.end(body);
  };

  const sendRolesAnywhereError = (res: ServerResponse, r: Rejection): void => {
    // restJson1: X-Amzn-ErrorType may carry a ':'-separated suffix that clients must strip, as AWS sends it.
    send(
      res,
      r.status,
      {
        'Content-Type': 'application/json',
        'X-Amzn-ErrorType': `${r.errorType}:${ROLES_ANYWHERE_NS}`,
        'x-amzn-RequestId': randomUUID(),
      },
      JSON.stringify({ message: r.message }),
    );
  };

  /** Apply the next queued fault. Returns true when the request has been answered (or dropped). */
  const applyFault = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const fault = faults[0];
    if (!fault) return false;
    if (--fault.remaining <= 0) faults.shift();
    if (fault.delayMs) await sleep(fault.delayMs);
    if (fault.resetConnection) {
      counters.rejected++;
      req.socket.destroy();
      return true;
    }
    if (fault.status) {
      const [type, message] = FAULT_DEFAULTS[fault.status] ?? [
        'InternalFailure',
        `Injected failure ${fault.status}.`,
      ];
      sendRolesAnywhereError(res, new Rejection(fault.status, fault.errorType ?? type, message));
      return true;
    }
    return false;
  };

  const admin = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const json = (status: number, value: unknown): void => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    const parseJson = async (): Promise<unknown> =>
      JSON.parse((await readBody(req)).toString('utf8') || '{}');
    if (req.method === 'GET' && path === '/__emulator/stats') return json(200, { ...counters });
    if (req.method === 'GET' && path === '/__emulator/issued') return json(200, issued());
    if (req.method === 'POST' && (path === '/__emulator/faults' || path === '/__emulator/config')) {
      let body: unknown;
      try {
        body = await parseJson();
      } catch {
        return json(400, { message: 'Body must be JSON.' });
      }
      const schema = path === '/__emulator/faults' ? faultSchema : configPatchSchema;
      const parsed = schema.safeParse(body);
      if (!parsed.success) return json(400, { message: parsed.error.message });
      if (path === '/__emulator/faults') inject(parsed.data as Fault);
      else setConfig(parsed.data as Partial<EmulatorConfig>);
      return json(200, { ok: true });
    }
    return json(404, { message: `No admin route ${req.method ?? ''} ${path}.` });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const query = q < 0 ? '' : rawUrl.slice(q + 1);
    if (path.startsWith('/__emulator/')) return admin(req, res, path);

    counters.requests++;
    const method = req.method ?? 'GET';
    const isCreateSession = method === 'POST' && path === '/sessions';
    if (isCreateSession) counters.createSession++;
    const body = await readBody(req);
    const wire: WireRequest & { body: Buffer } = {
      method,
      path,
      query,
      headers: pairs(req.rawHeaders),
      body,
    };

    if (isCreateSession) {
      if (await applyFault(req, res)) return;
      try {
        const now = clockOf(current);
        const result = await createSession(wire, current, now);
        sessions.set(result.session.accessKeyId, result.session);
        send(
          res,
          201,
          { 'Content-Type': 'application/json', 'x-amzn-RequestId': randomUUID() },
          JSON.stringify(result.body),
        );
      } catch (err) {
        if (!(err instanceof Rejection)) throw err;
        sendRolesAnywhereError(res, err);
      }
      return;
    }
    // STS's query protocol names the operation in Action, so any path reaches it (the path is still signed:
    // the verifier encodes it twice, as AWS does for every service but S3).
    if (method === 'POST' || method === 'GET') {
      counters.getCallerIdentity++;
      const answer = getCallerIdentity(wire, sessions, clockOf(current), current.clockSkewSeconds ?? 300);
      send(res, answer.status, answer.headers, answer.body);
      return;
    }
    sendRolesAnywhereError(
      res,
      new Rejection(404, 'UnknownOperationException', `No operation at ${method} ${path}.`),
    );
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent || res.destroyed) return;
      const r =
        err instanceof Rejection
          ? err
          : new Rejection(
              500,
              'InternalServerException',
              `Emulator error: ${err instanceof Error ? err.message : String(err)}`,
            );
      sendRolesAnywhereError(res, r);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    stats: () => ({ ...counters }),
    inject,
    setConfig,
    issued,
    close: async () => {
      for (const t of timers) {
        clearTimeout(t.timer);
        t.resolve();
      }
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The emulator's HTTP server on 127.0.0.1: IAM Roles Anywhere CreateSession at `POST /sessions`, the
 * Roles Anywhere control plane at its REST paths, IAM and STS GetCallerIdentity on the query protocol, and
 * an admin surface under `/__emulator/` for out-of-process control.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { HeaderPairs, WireRequest } from './canonical';
import { clockOf, configPatchSchema, faultSchema, type EmulatorConfig, type Fault } from './config';
import { AccountState } from './control-plane/account-state';
import { restJsonErrorAnswer, type HttpAnswer } from './control-plane/answer';
import { iamApi } from './control-plane/iam-api';
import { rolesAnywhereApi } from './control-plane/roles-anywhere-api';
import { classify, faultAnswer, type Call, type Service } from './control-plane/services';
import { createSession, type IssuedSession } from './create-session';
import { Rejection } from './rejection';
import { getCallerIdentity } from './sts';

export interface EmulatorStats {
  /** CreateSession requests received, faulted and rejected ones included. */
  createSession: number;
  /** STS requests (GetCallerIdentity) received. */
  getCallerIdentity: number;
  /** Every non-admin request. */
  requests: number;
  /** Requests answered with a status ≥ 400 or a reset connection. */
  rejected: number;
}

/** One non-admin request: the service, the operation it named, and the status answered (0: connection reset). */
export interface CallRecord {
  service: Service;
  operation: string;
  status: number;
}

export interface Emulator {
  /** `http://127.0.0.1:PORT` */
  url: string;
  stats(): EmulatorStats;
  /** Every non-admin request so far, in order. */
  calls(): CallRecord[];
  /**
   * Make the next `count` (default 1) requests of `fault.operation` (default CreateSession) fail, delay or
   * reset. Faults queue up.
   */
  inject(fault: Fault): void;
  setConfig(patch: Partial<EmulatorConfig>): void;
  issued(): { accessKeyId: string; roleArn: string; subjectCn: string }[];
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

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
  const log: CallRecord[] = [];
  const sessions = new Map<string, IssuedSession>();
  const state = new AccountState();
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

  const send = (res: ServerResponse, call: Call, answer: HttpAnswer): void => {
    if (answer.status >= 400) counters.rejected++;
    log.push({ ...call, status: answer.status });
    res.writeHead(answer.status, { Date: clockOf(current).toUTCString(), ...answer.headers });
    res.end(answer.body);
  };

  /** Apply the next queued fault for this operation. Returns true when the request has been answered (or dropped). */
  const applyFault = async (
    req: IncomingMessage,
    res: ServerResponse,
    wire: WireRequest,
    call: Call,
  ): Promise<boolean> => {
    const index = faults.findIndex((f) => (f.operation ?? 'CreateSession') === call.operation);
    const fault = faults[index];
    if (!fault) return false;
    if (--fault.remaining <= 0) faults.splice(index, 1);
    if (fault.delayMs) await sleep(fault.delayMs);
    if (fault.resetConnection) {
      counters.rejected++;
      log.push({ ...call, status: 0 });
      req.socket.destroy();
      return true;
    }
    if (fault.status) {
      send(res, call, faultAnswer(call, wire, { ...fault, status: fault.status }));
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
    if (req.method === 'GET' && path === '/__emulator/calls') return json(200, [...log]);
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

  const serveCreateSession = async (wire: WireRequest & { body: Buffer }): Promise<HttpAnswer> => {
    try {
      const result = await createSession(wire, current, state, clockOf(current));
      sessions.set(result.session.accessKeyId, result.session);
      return {
        status: 201,
        headers: { 'Content-Type': 'application/json', 'x-amzn-RequestId': randomUUID() },
        body: JSON.stringify(result.body),
      };
    } catch (err) {
      if (!(err instanceof Rejection)) throw err;
      return restJsonErrorAnswer(err, randomUUID());
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const query = q < 0 ? '' : rawUrl.slice(q + 1);
    if (path.startsWith('/__emulator/')) return admin(req, res, path);

    counters.requests++;
    const method = req.method ?? 'GET';
    if (method === 'POST' && path === '/sessions') counters.createSession++;
    const body = await readBody(req);
    const wire: WireRequest & { body: Buffer } = {
      method,
      path,
      query,
      headers: pairs(req.rawHeaders),
      body,
    };
    const call = classify(wire);
    if (call.service === 'sts') counters.getCallerIdentity++;
    if (await applyFault(req, res, wire, call)) return;
    const ctx = { config: current, state, now: clockOf(current) };
    let answer: HttpAnswer;
    if (call.service === 'createSession') answer = await serveCreateSession(wire);
    else if (call.service === 'rolesanywhere') answer = rolesAnywhereApi(wire, ctx);
    else if (call.service === 'iam') answer = iamApi(wire, ctx);
    else answer = getCallerIdentity(wire, sessions, current, ctx.now);
    send(res, call, answer);
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
      counters.rejected++;
      const answer = restJsonErrorAnswer(r, randomUUID());
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
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
    calls: () => [...log],
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

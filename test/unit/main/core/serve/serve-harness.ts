/**
 * A credentials server over a test core (test/support/core-harness.ts), and a raw HTTP client that sends
 * exactly the headers a test gives (a foreign Host, none at all, an Origin), as a tool or a web page would.
 */
import { request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { startCredentialServer } from '../../../../../main/core/serve/credential-server';
import type {
  CredentialServer,
  ServeEvent,
  ServeOptions,
} from '../../../../../main/core/serve/credential-server';
import type { TestCore } from '../../../../support/core-harness';

export interface Served {
  server: CredentialServer;
  events: ServeEvent[];
  /** Each profile's token, as a tool reads it from the token file. */
  token(profile: string): Promise<string>;
  /** GET a profile's container URL with its token (and `headers`). */
  fetch(profile: string, headers?: Record<string, string>): Promise<Reply>;
}

/** A credentials document, or the `{Code, Message}` of a refusal: the fields tests read. */
interface Doc {
  AccessKeyId: string;
  SecretAccessKey: string;
  Token: string;
  Expiration: string;
  Code: string;
  Message: string;
  [field: string]: string;
}

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  json<T = Doc>(): T;
}

const running: CredentialServer[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.stop();
});

/** Serve `profiles` of `t`'s core on a free port, on the core's clock; stopped after the test. */
export async function serve(
  t: TestCore,
  profiles: string[],
  options: Partial<Pick<ServeOptions, 'imds' | 'port' | 'core'>> = {},
): Promise<Served> {
  const events: ServeEvent[] = [];
  const server = await startCredentialServer({
    core: t.core,
    profiles,
    port: 0,
    tokenRoot: join(t.dataDir, 'serve'),
    now: t.clock.now,
    onEvent: (e) => events.push(e),
    ...options,
  });
  running.push(server);
  const endpoint = (profile: string) => {
    const e = server.endpoints.find((x) => x.profile === profile);
    if (!e) throw new Error(`${profile} is not served`);
    return e;
  };
  const token = (profile: string) => readFile(endpoint(profile).tokenFile, 'utf8');
  return {
    server,
    events,
    token,
    fetch: async (profile, headers = {}) =>
      send(endpoint(profile).url, { headers: { Authorization: await token(profile), ...headers } }),
  };
}

/**
 * One HTTP request. `host: null` sends no Host header at all; a string replaces the one Node would send.
 * Each request has its own connection, so a refused request cannot affect the next.
 */
export function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; host?: string | null } = {},
): Promise<Reply> {
  const { method = 'GET', headers = {}, host } = options;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method,
        agent: false,
        setHost: host === undefined,
        headers: { ...headers, ...(typeof host === 'string' ? { Host: host } : {}) },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            json: <T>() => JSON.parse(body) as T,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Every secret a test saw: session secrets and tokens, for "nothing leaks" checks. */
export function secretsOf(replies: Reply[], tokens: string[]): string[] {
  const out = [...tokens];
  for (const r of replies) {
    if (r.status !== 200 || !r.body.startsWith('{')) continue;
    const doc = r.json();
    if (doc.SecretAccessKey) out.push(doc.SecretAccessKey);
    if (doc.Token) out.push(doc.Token);
  }
  return out;
}

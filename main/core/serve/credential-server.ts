import { createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { AnchorageError, toErrorInfo } from '../../../shared/errors';
import type { ErrorInfo } from '../../../shared/errors';
import { containerDocument, failure, imdsDocument, refusal } from './answers';
import type { Answer, Refusal } from './answers';
import type { ProfileEndpoint } from './client-env';
import { ImdsEndpoint } from './imds';
import { close, HOST, hostAllowed, listen, pathOf, printable, send } from './loopback-http';
import { SessionKeeper } from './session-keeper';
import type { KeeperEvent, ServeCore } from './session-keeper';
import { ImdsTokens, newToken, sameToken, TokenFiles } from './tokens';

const CREDENTIALS_PREFIX = '/credentials/';

export interface ServeOptions {
  core: ServeCore;
  /** The profiles to serve, each at `/credentials/NAME` with a token of its own. */
  profiles: readonly string[];
  /** Default 0: a free port. */
  port?: number;
  /** Where the token files go: `<tokenRoot>/<port>/<profile>.token` (the CLI: `<data dir>/serve`). */
  tokenRoot: string;
  /** Also serve this profile (one of `profiles`) as an IMDSv2 endpoint. */
  imds?: string;
  now?: () => Date;
  onEvent?: (event: ServeEvent) => void;
  /** The edge's words for an error a client is sent (default: core's message and neutral hint). */
  words?: (info: ErrorInfo) => string;
}

/** What the server reports: sessions obtained, failures (once per change), refused requests. */
export type ServeEvent = KeeperEvent | { type: 'refused'; reason: Refusal; method: string; path: string };

export interface CredentialServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  endpoints: ProfileEndpoint[];
  /**
   * The IMDS endpoint, `http://127.0.0.1:PORT/`: with the slash, since the AWS CLI v2's botocore joins it to
   * `latest/api/token` without one.
   */
  imds?: { profile: string; url: string };
  /** Get every profile's session now; rejects with the first failure. */
  warm(): Promise<void>;
  /** Settles when no session is being fetched (tests). */
  idle(): Promise<void>;
  /** Stop listening, close connections, forget the sessions and remove the token files. */
  stop(): Promise<void>;
}

/**
 * A credentials endpoint for local tools (issue 11): the ECS container-credentials protocol per profile
 * (AWS_CONTAINER_CREDENTIALS_FULL_URI + AWS_CONTAINER_AUTHORIZATION_TOKEN[_FILE]) and, on request, IMDSv2.
 *
 * It binds 127.0.0.1 only. Every request must name this server in its Host header (a page on a rebound DNS
 * name is refused), must carry no Origin header (no web page may read it; no CORS header is ever sent) and,
 * for a container URL, must carry that profile's token, a fresh random one per run compared in constant time.
 * IMDS cannot carry such a token (its clients send only their session token), so it is opt-in and bound to one
 * profile. Answers never include anything but the credentials asked for; events never include a secret.
 */
export async function startCredentialServer(options: ServeOptions): Promise<CredentialServer> {
  const { core, profiles, imds: imdsProfile } = options;
  const now = options.now ?? (() => new Date());
  const emit = options.onEvent ?? (() => undefined);
  const words = options.words ?? ((info: ErrorInfo) => `${info.message} ${info.hint}`.trim());
  checkProfiles(profiles, imdsProfile);
  for (const name of profiles) await core.getProfile(name); // NOT_FOUND before anything listens

  const keeper = new SessionKeeper(core, profiles, now, emit);
  const tokens = new Map(profiles.map((name) => [name, newToken()]));
  const answerWith = async (document: typeof containerDocument, profile: string): Promise<Answer> => {
    try {
      return document(await keeper.get(profile));
    } catch (error) {
      return failure(toErrorInfo(error), words);
    }
  };
  const imds =
    imdsProfile === undefined
      ? undefined
      : new ImdsEndpoint(imdsProfile, new ImdsTokens(now), () => answerWith(imdsDocument, imdsProfile));

  let port = 0;
  const container = (
    method: string,
    path: string,
    authorization: string | undefined,
  ): Promise<Answer> | Answer => {
    const profile = path.slice(CREDENTIALS_PREFIX.length);
    const token = tokens.get(profile);
    if (token === undefined)
      return refusal(404, 'not-found', 'NotFound', 'No profile of that name is served here.');
    if (method !== 'GET') {
      return refusal(405, 'method', 'MethodNotAllowed', 'Credentials are read with GET.', { Allow: 'GET' });
    }
    if (authorization === undefined) {
      return refusal(
        401,
        'token-missing',
        'Unauthorized',
        'The Authorization header with the profile’s token is missing.',
      );
    }
    if (!sameToken(authorization, token)) {
      return refusal(
        403,
        'token-wrong',
        'Forbidden',
        'The Authorization header does not hold this profile’s token.',
      );
    }
    return answerWith(containerDocument, profile);
  };

  const answer = async (req: IncomingMessage): Promise<Answer> => {
    const method = req.method ?? 'GET';
    const path = pathOf(req.url);
    if (!hostAllowed(req.headers.host, port)) {
      return refusal(
        req.headers.host === undefined ? 400 : 403,
        'host',
        'InvalidHost',
        `The Host header must be ${HOST}:${port} or localhost:${port}.`,
      );
    }
    if (req.headers.origin !== undefined) {
      return refusal(
        403,
        'origin',
        'Forbidden',
        'Requests from web pages (with an Origin header) are refused.',
      );
    }
    if (path.startsWith(CREDENTIALS_PREFIX)) return container(method, path, req.headers.authorization);
    if (imds && path.startsWith('/latest/')) return imds.answer(method, path, req.headers);
    return refusal(404, 'not-found', 'NotFound', 'No such endpoint.');
  };

  // A request without Host is refused below, with a reason and a JSON body, rather than by Node's bare 400.
  const server = createServer({ requireHostHeader: false }, (req, res) => {
    req.resume(); // no request has a body worth reading
    answer(req)
      .catch((error: unknown) => failure(toErrorInfo(error), words))
      .then((a) => {
        if (a.refused)
          emit({
            type: 'refused',
            reason: a.refused,
            method: printable(req.method),
            path: printable(pathOf(req.url)),
          });
        send(res, a);
      });
  });
  port = await listen(server, options.port ?? 0);
  const url = `http://${HOST}:${port}`;
  const files = new TokenFiles(options.tokenRoot, port);
  const endpoints: ProfileEndpoint[] = [];
  try {
    await files.open();
    for (const [profile, token] of tokens) {
      endpoints.push({
        profile,
        url: `${url}${CREDENTIALS_PREFIX}${profile}`,
        tokenFile: await files.write(profile, token),
      });
    }
  } catch (error) {
    await close(server);
    await files.remove().catch(() => undefined);
    throw error;
  }

  let stopped: Promise<void> | undefined;
  return {
    url,
    port,
    endpoints,
    ...(imdsProfile === undefined ? {} : { imds: { profile: imdsProfile, url: `${url}/` } }),
    warm: () => keeper.warm(),
    idle: () => keeper.idle(),
    stop() {
      stopped ??= (async () => {
        keeper.close();
        await close(server);
        await files.remove();
      })();
      return stopped;
    },
  };
}

/** One profile at least, each once, and the IMDS one among them. */
function checkProfiles(profiles: readonly string[], imds: string | undefined): void {
  const problem =
    profiles.length === 0
      ? { reason: 'required', message: 'No profile to serve was named.', hint: 'Name at least one profile.' }
      : new Set(profiles).size !== profiles.length
        ? {
            reason: 'duplicate',
            message: 'A profile to serve was named twice.',
            hint: 'Name each profile once.',
          }
        : undefined;
  if (problem) {
    throw new AnchorageError('INVALID_INPUT', problem.message, problem.hint, {
      facts: { field: 'profiles', reason: problem.reason },
    });
  }
  if (imds !== undefined && !profiles.includes(imds)) {
    throw new AnchorageError(
      'INVALID_INPUT',
      `The IMDS profile "${imds}" is not among the profiles served.`,
      'Serve that profile too.',
      { facts: { field: 'imds', reason: 'not-served', name: imds } },
    );
  }
}

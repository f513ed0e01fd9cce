import { rmSync } from 'node:fs';
import type { LocalEndpoint } from '../shared/schemas/models';
import { pasteLines } from './core/serve/client-env';
import type { CredentialServer } from './core/serve/credential-server';
import type { ServeCore } from './core/serve/session-keeper';

/**
 * "Serve to local tools" in the app (issue 11 §1): one credentials server per profile the user switched on, on a
 * free loopback port, for as long as the app runs. It is the CLI's `serve` (main/core/serve), so the rules are
 * the same: loopback only, a fresh token per profile in a 0600 file, Host and Origin checks, background refresh.
 * The renderer learns where a profile is served and the lines to paste, never the token.
 */
export interface LocalServe {
  list(): LocalEndpoint[];
  /** Serve a profile (again: the running server is kept); its session is fetched first, so errors show here. */
  start(profile: string): Promise<LocalEndpoint>;
  stop(profile: string): Promise<void>;
  stopAll(): Promise<void>;
}

/** The token files of every server this process runs, whichever registry started it. */
const liveTokenFiles = new Set<string>();
let exitHookInstalled = false;

/** Whatever ends the process, the token files go with it (stop() removes them on the orderly path). */
function removeTokenFilesOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const file of liveTokenFiles) rmSync(file, { force: true });
  });
}

/** @param tokenRoot where the token files go (`<data dir>/serve`, as the CLI's) */
export function createLocalServe(core: ServeCore, tokenRoot: string): LocalServe {
  const servers = new Map<string, CredentialServer>();
  const starting = new Map<string, Promise<LocalEndpoint>>();
  const describe = (profile: string, server: CredentialServer): LocalEndpoint => {
    const endpoint = server.endpoints[0]!;
    return { profile, url: endpoint.url, tokenFile: endpoint.tokenFile, lines: pasteLines(endpoint) };
  };

  const start = async (profile: string): Promise<LocalEndpoint> => {
    const { startCredentialServer } = await import('./core/serve/credential-server');
    const server = await startCredentialServer({ core, profiles: [profile], tokenRoot });
    try {
      await server.warm();
    } catch (error) {
      await server.stop();
      throw error;
    }
    servers.set(profile, server);
    for (const e of server.endpoints) liveTokenFiles.add(e.tokenFile);
    removeTokenFilesOnExit();
    return describe(profile, server);
  };
  const stopServer = async (server: CredentialServer | undefined) => {
    await server?.stop();
    for (const e of server?.endpoints ?? []) liveTokenFiles.delete(e.tokenFile);
  };

  return {
    list: () => [...servers].map(([profile, server]) => describe(profile, server)),
    start(profile) {
      const running = servers.get(profile);
      if (running) return Promise.resolve(describe(profile, running));
      // Two quick clicks start one server.
      const pending = starting.get(profile) ?? start(profile).finally(() => starting.delete(profile));
      starting.set(profile, pending);
      return pending;
    },
    async stop(profile) {
      const server = servers.get(profile);
      servers.delete(profile);
      await stopServer(server);
    },
    async stopAll() {
      const all = [...servers.values()];
      servers.clear();
      await Promise.all(all.map(stopServer));
    },
  };
}

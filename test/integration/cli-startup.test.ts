/**
 * Issue 11 §3, start-up at Node's floor: each command's module graph is only what it uses.
 *
 * Checked on the build's own module graph (out/cli.meta.json, which scripts/build-cli.mjs writes from esbuild's
 * metafile): what a command loads is the static-import closure of the program bundle's entry, the module
 * that registers the command (main/cli/commands.ts loads only that one) and the modules its action imports
 * on the way (the core through run.ts's openCore, the parser for inspect, PKCS#12 for a PFX). The program is
 * split into chunks, so what a process reads from disk is the chunks that hold those modules, and the chunks
 * they import: checked too. Then, as processes: the warm credential_process path runs from the entry bundle
 * alone, and V8 takes every chunk's code cache.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeWorld } from './aws-fixtures';
import type { World } from './aws-fixtures';
import { REPO } from './cli-harness';

interface Input {
  imports: { path: string; kind: string; external?: boolean }[];
}
interface Bundle {
  inputs: Record<string, Input>;
  output: {
    bytes: number;
    inputs: Record<string, { bytesInOutput: number }>;
    /** The other outputs (chunks, by file name) and Node modules it imports. */
    imports: { path: string; kind: string; external?: boolean }[];
  };
}
interface Meta {
  program: string;
  bundles: Record<string, Bundle>;
}

function readMeta(): Meta {
  const path = join(REPO, 'out', 'cli.meta.json');
  if (!existsSync(path)) throw new Error('The CLI is not built: run `npm run build:cli`.');
  return JSON.parse(readFileSync(path, 'utf8')) as Meta;
}

const meta = readMeta();
const program = meta.bundles[meta.program]!;
/** The program's chunks (scripts/build-cli.mjs buildProgram): every output but the entry and the worker. */
const CHUNKS = Object.keys(meta.bundles).filter((f) => f !== 'anchorage.cjs' && f !== 'parse-worker.mjs');

/** The modules (source paths) that importing `roots` runs: their static imports, transitively. */
function loads(bundle: Bundle, roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...roots];
  for (let path = stack.pop(); path !== undefined; path = stack.pop()) {
    const input = bundle.inputs[path];
    if (!input) throw new Error(`${path} is not in the bundle's module graph`);
    if (seen.has(path)) continue;
    seen.add(path);
    for (const i of input.imports) if (!i.external && i.kind !== 'dynamic-import') stack.push(i.path);
  }
  return seen;
}

/** The chunk that holds each module of the program (esbuild puts a module in one chunk only). */
const chunkOf = new Map<string, string>();
for (const chunk of CHUNKS) {
  for (const [path, v] of Object.entries(meta.bundles[chunk]!.output.inputs)) {
    if (v.bytesInOutput > 0) chunkOf.set(path, chunk);
  }
}

/** The chunks a process reads to run `modules`: the chunks that hold them, and those chunks' static imports. */
function chunksFor(modules: Set<string>): Set<string> {
  const seen = new Set<string>();
  const stack = [meta.program, ...[...modules].flatMap((m) => chunkOf.get(m) ?? [])];
  for (let chunk = stack.pop(); chunk !== undefined; chunk = stack.pop()) {
    if (seen.has(chunk)) continue;
    seen.add(chunk);
    for (const i of meta.bundles[chunk]!.output.imports) {
      if (!i.external && i.kind === 'import-statement') stack.push(i.path);
    }
  }
  return seen;
}

/** Every module in `chunks`: what reading them from disk brings, whether it runs or not. */
function modulesIn(chunks: Set<string>): Set<string> {
  return new Set(
    [...chunks].flatMap((chunk) =>
      Object.entries(meta.bundles[chunk]!.output.inputs)
        .filter(([, v]) => v.bytesInOutput > 0)
        .map(([path]) => path),
    ),
  );
}

/** What must never be loaded, by name: the heavy libraries and the code only some commands need. */
const ZOD = /node_modules\/zod\//;
const X509 = /node_modules\/(@peculiar\/|asn1js|tsyringe|reflect-metadata|pvtsutils|pvutils)/;
const COMMANDER = /node_modules\/commander\//;
const AWS_CLIENTS = /node_modules\/@smithy\/|main\/core\/aws\/(sigv4-preview|roles-anywhere-client|sts)\.ts$/;
const PKCS12 = /main\/core\/pki\/(pkcs12|pkcs12-export|pbe)\.ts$/;
const INSPECT = /main\/core\/pki\/(inspect|rules)\.ts$/;
/** The readers of CSRs and CRLs, which `inspect` loads for those files only. */
const CSR_CRL = /main\/core\/pki\/(csr|crl)\.ts$/;
const WORKER = /main\/core\/worker\//;
/** The PKI modules that read certificates through x509 (the DER reader's fallback). */
const X509_READERS = /main\/core\/pki\/(pem|keys|provider|x509-view|fingerprint)\.ts$/;
const SERVE = /main\/core\/serve\/credential-server\.ts$/;
const CORE = /main\/core\/(services|certificate-service|inventory|session-service)\.ts$/;
/** The AWS SDK, which only `aws` (issue 12) loads; @smithy/core also comes with `sign`'s SigV4 preview. */
const AWS_SDK = /node_modules\/(@aws-sdk\/|@smithy\/core\/)/;
/** The worker's client, which starts node:worker_threads. */
const RUN_IN_WORKER = /main\/core\/worker\/run-in-worker\.ts$/;
/** The data directory's document schemas (and zod): loaded only to validate a file or a write. */
const DOCUMENT_SCHEMAS = /main\/core\/store\/document-schemas\.ts$|shared\/schemas\//;
/** The passphrase store (and the zod it validates its file with): loaded only when ANCHORAGE_VAULT=file. */
const PASSPHRASE_STORE = /main\/core\/vault\/passphrase-store\.ts$/;

const matching = (modules: Set<string>, pattern: RegExp) => [...modules].filter((m) => pattern.test(m));

const CLI = 'main/cli/';
const PROGRAM = `${CLI}program.ts`;
const SERVICES = 'main/core/services.ts';

describe("each command's module graph", () => {
  it('the warm credential_process path is the entry bundle alone: no zod, PKI, AWS client, parser or core', () => {
    const entry = meta.bundles['anchorage.cjs']!;
    const inBundle = new Set(
      Object.entries(entry.output.inputs)
        .filter(([, v]) => v.bytesInOutput > 0)
        .map(([path]) => path),
    );
    // What the warm path needs is there (so the check below is not vacuous)…
    for (const needed of [
      'main/core/warm-session.ts',
      'main/core/vault/vault.ts',
      'main/core/aws/session-cache.ts',
    ]) {
      expect(inBundle).toContain(needed);
    }
    // …and nothing else of weight.
    for (const pattern of [
      ZOD,
      X509,
      COMMANDER,
      AWS_CLIENTS,
      PKCS12,
      INSPECT,
      WORKER,
      CORE,
      /shared\/schemas\//,
    ]) {
      expect(matching(inBundle, pattern)).toEqual([]);
    }
    expect(entry.output.bytes).toBeLessThan(64 * 1024);
  });

  // The module that registers each command (main/cli/commands.ts). Parsing its command line loads that module
  // and commander, never zod, the PKI or an AWS client: those come with the core, when the action runs.
  const REGISTERED_IN: Record<string, string[]> = {
    ca: ['pki-commands.ts', 'lifecycle-commands.ts'],
    cert: ['pki-commands.ts', 'lifecycle-commands.ts'],
    list: ['pki-commands.ts'],
    export: ['pki-commands.ts'],
    import: ['pki-commands.ts'],
    inspect: ['inspect-command.ts'],
    rename: ['lifecycle-commands.ts'],
    profile: ['aws-commands.ts'],
    session: ['aws-commands.ts'],
    sign: ['aws-commands.ts'],
    serve: ['serve-command.ts'],
    exec: ['exec-command.ts'],
    settings: ['settings-commands.ts'],
    vault: ['vault-commands.ts'],
  };
  const COMMAND_MODULES = new Set(Object.values(REGISTERED_IN).flat());

  it.each(Object.entries(REGISTERED_IN))(
    '`%s` parses its command line with its own module only',
    (_name, modules) => {
      const loaded = loads(program, [PROGRAM, ...modules.map((m) => CLI + m)]);
      expect(loaded).toContain('node_modules/commander/index.js');
      for (const pattern of [ZOD, X509, AWS_CLIENTS, AWS_SDK, PKCS12, INSPECT, WORKER, CORE]) {
        expect(matching(loaded, pattern)).toEqual([]);
      }
      // Another command's module only where the two share code (inspect's verdict line, import's file reader).
      const others = [...COMMAND_MODULES].filter((m) => !modules.includes(m)).map((m) => CLI + m);
      const shared = new Set([`${CLI}pki-commands.ts`, `${CLI}inspect-command.ts`, `${CLI}serve-command.ts`]);
      expect(others.filter((m) => loaded.has(m) && !shared.has(m))).toEqual([]);
    },
  );

  // With the action: the core's composition root (openCore in run.ts), which builds each service on first use
  // (main/core/services.ts), plus the services the action's core methods reach and what the action itself
  // imports on its way. Everything else of the core stays unloaded.
  const CERTIFICATES = ['main/core/certificate-service.ts', 'main/core/inventory.ts'];
  const SERVICE = (name: string) => new RegExp(`main/core/(${name})\\.ts$`);
  const PROFILES = SERVICE('profiles|static-credentials|session-service');
  const SETTINGS = SERVICE('settings');
  const UI_STATE = SERVICE('ui-state');
  const AWS_CONFIG = SERVICE('aws/aws-config-file');
  // What a certificate command (list, ca/cert, export) never needs: inspection and its worker, serving, and
  // the profile, settings and AWS services.
  const NOT_CERTIFICATES = [INSPECT, WORKER, SERVE, PROFILES, SETTINGS, UI_STATE, AWS_CONFIG];
  // All of the PKI but the export password generator and the input size cap.
  const PKI = /main\/core\/pki\/(?!(pfx-password|limits)\.ts$)/;
  // All of the PKI but those two and the DER reader that summarizes certificates without x509 (der-summary.ts).
  const PKI_BUT_DER =
    /main\/core\/pki\/(?!(pfx-password|limits|der|der-info|der-summary|dn|key-summary|serial)\.ts$)/;
  const PEM_INSPECT = ['main/core/worker/parse-jobs.ts', 'main/core/pki/inspect.ts'];
  // A CA or a client certificate, written as DER (pki/certificate-writer.ts) from an issuer read from its DER
  // (pki/certificate-reader.ts, which loads x509-view.ts only for a CA the DER reader leaves to it).
  const MAKE_CERTIFICATES = [
    'main/core/pki/ca.ts',
    'main/core/pki/issue.ts',
    'main/core/pki/signer.ts',
    'main/core/pki/certificate-reader.ts',
    'main/core/pki/der-view.ts',
    'main/core/pki/certificate-writer.ts',
    'main/core/pki/certificate-extensions.ts',
    'main/core/pki/names.ts',
    'main/core/pki/san.ts',
    'main/core/pki/key-generation.ts',
    'main/core/pki/pem-blocks.ts',
  ];
  const CERTIFICATE_SERVICE = SERVICE('certificate-service|inventory');
  const ACTIONS: [string, string[], RegExp[]][] = [
    // Summaries from the DER (der-summary.ts): no x509; the inventory as this version stamped it, so no zod
    // (store/stamp.ts: the schemas load only for a file that needs validating, or a write).
    [
      'list',
      ['pki-commands.ts', ...CERTIFICATES],
      [ZOD, DOCUMENT_SCHEMAS, X509, PKI_BUT_DER, AWS_CLIENTS, PKCS12, ...NOT_CERTIFICATES],
    ],
    // A session's state needs its profile's certificate and the refresh margin (settings); x509 only to
    // make a new session (session-service.ts).
    [
      'profile list',
      [
        'aws-commands.ts',
        ...CERTIFICATES,
        'main/core/profiles.ts',
        'main/core/session-service.ts',
        'main/core/settings.ts',
      ],
      [
        ZOD,
        DOCUMENT_SCHEMAS,
        X509,
        AWS_CLIENTS,
        PKCS12,
        INSPECT,
        WORKER,
        SERVE,
        UI_STATE,
        AWS_CONFIG,
        SERVICE('static-credentials'),
      ],
    ],
    // Only the settings document, read as stamped (zod only to validate a file or a change): no zod, x509,
    // PKI or other service.
    [
      'settings',
      ['settings-commands.ts', 'main/core/settings.ts'],
      [
        ZOD,
        DOCUMENT_SCHEMAS,
        X509,
        PKI,
        CERTIFICATE_SERVICE,
        AWS_CLIENTS,
        WORKER,
        SERVE,
        PROFILES,
        UI_STATE,
        AWS_CONFIG,
      ],
    ],
    // A file that could be slow is parsed in the worker (parse-worker.mjs, below); this thread only starts
    // it, without x509 or zod.
    [
      'inspect FILE',
      ['inspect-command.ts', 'main/core/worker/parse-file.ts', 'main/core/worker/run-in-worker.ts'],
      [
        ZOD,
        X509,
        PKI,
        CERTIFICATE_SERVICE,
        AWS_CLIENTS,
        PKCS12,
        INSPECT,
        SERVE,
        PROFILES,
        SETTINGS,
        UI_STATE,
        AWS_CONFIG,
      ],
    ],
    // A small PEM is parsed in this thread (worker/parse-file.ts): the parser, without zod, the worker's
    // client, the certificate service or any other service, nor the readers of CSRs, CRLs and PFX files; and
    // its certificates are read from the DER (pki/der-view.ts), without x509 (pki/x509-view.ts, loaded only
    // for a certificate the DER reader leaves to it).
    [
      'inspect SMALL.pem',
      ['inspect-command.ts', 'main/core/worker/parse-file.ts', ...PEM_INSPECT],
      [
        ZOD,
        X509,
        X509_READERS,
        CERTIFICATE_SERVICE,
        RUN_IN_WORKER,
        PKCS12,
        CSR_CRL,
        AWS_CLIENTS,
        SERVE,
        PROFILES,
        SETTINGS,
        UI_STATE,
        AWS_CONFIG,
      ],
    ],
    // Written as DER and signed with node:crypto: no x509, nor the modules that read through it (CSRs, CRLs);
    // the inventory stamped with its JSON Schema (store/shape.ts): no zod.
    [
      'ca create, cert issue',
      ['pki-commands.ts', 'lifecycle-commands.ts', ...CERTIFICATES, ...MAKE_CERTIFICATES],
      [ZOD, DOCUMENT_SCHEMAS, X509, X509_READERS, CSR_CRL, AWS_CLIENTS, PKCS12, ...NOT_CERTIFICATES],
    ],
    // The PFX is built from the stored certificates' DER and checked by reading it back without x509
    // (pki/pkcs12-export.ts): no x509, and no zod (nothing is written to the data directory).
    [
      'export --format pfx',
      ['pki-commands.ts', ...CERTIFICATES, 'main/core/pki/pkcs12-export.ts'],
      [
        ZOD,
        DOCUMENT_SCHEMAS,
        X509,
        /main\/core\/pki\/(pem|pkcs12|keys)\.ts$/,
        AWS_CLIENTS,
        ...NOT_CERTIFICATES,
      ],
    ],
  ];
  const rootsOf = (modules: string[]) => [
    PROGRAM,
    SERVICES,
    ...modules.map((m) => (m.startsWith('main/') ? m : CLI + m)),
  ];
  it.each(ACTIONS)('`%s` loads only what its action uses', (_name, modules, forbidden) => {
    const loaded = loads(program, rootsOf(modules));
    // The OS keychain is the default store: no command loads the passphrase store's module for it.
    for (const pattern of [...forbidden, AWS_SDK, PASSPHRASE_STORE]) {
      expect(matching(loaded, pattern)).toEqual([]);
    }
  });

  // What the process reads from disk: the chunks of those modules. A chunk holds modules that other entries
  // share, so this is wider than the modules that run; it must still leave the heavy libraries out.
  const READS: [string, string[], RegExp[]][] = [
    ['list', ACTIONS[0]![1], [ZOD, X509, AWS_CLIENTS, AWS_SDK, PKCS12, INSPECT, WORKER, SERVE]],
    ['settings', ACTIONS[2]![1], [ZOD, X509, PKI_BUT_DER, AWS_CLIENTS, AWS_SDK, WORKER, SERVE]],
    ['inspect FILE', ACTIONS[3]![1], [ZOD, X509, AWS_CLIENTS, AWS_SDK, INSPECT, SERVE]],
    [
      'inspect SMALL.pem',
      ACTIONS[4]![1],
      [ZOD, X509, X509_READERS, AWS_CLIENTS, AWS_SDK, RUN_IN_WORKER, PKCS12, CSR_CRL, SERVE],
    ],
    [
      'ca create, cert issue',
      ACTIONS[5]![1],
      [ZOD, X509, X509_READERS, CSR_CRL, AWS_CLIENTS, AWS_SDK, PKCS12, INSPECT, WORKER, SERVE],
    ],
    ['export --format pfx', ACTIONS[6]![1], [ZOD, X509, AWS_CLIENTS, AWS_SDK, INSPECT, WORKER, SERVE]],
  ];
  it.each(READS)(
    '`%s` reads only chunks without the libraries it does not use',
    (name, modules, forbidden) => {
      expect(ACTIONS.find(([n]) => n === name)?.[1]).toBe(modules);
      const chunks = chunksFor(loads(program, rootsOf(modules)));
      // Its own code is among them (so that the check below is not vacuous)…
      for (const m of modules) expect(modulesIn(chunks)).toContain(m.startsWith('main/') ? m : CLI + m);
      // …and none of what it must not read.
      for (const pattern of forbidden) expect(matching(modulesIn(chunks), pattern)).toEqual([]);
    },
  );

  it('the AWS SDK is read by `aws` alone (issue 12), and `aws` still builds', () => {
    const aws = 'main/cli/registration-commands.ts';
    expect(program.inputs[aws]).toBeDefined();
    // The SDK is in the build (in chunks of its own), so that the check below is not vacuous.
    expect(matching(modulesIn(new Set(CHUNKS)), /node_modules\/@aws-sdk\//).length).toBeGreaterThan(0);
    // Every other command's module, parsed and with its action's core: no chunk of the AWS SDK.
    const others = [...COMMAND_MODULES, 'aws-commands.ts', 'lifecycle-commands.ts'].map((m) => CLI + m);
    for (const module of new Set(others)) {
      const chunks = chunksFor(loads(program, [PROGRAM, SERVICES, module]));
      expect({ module, sdk: matching(modulesIn(chunks), /node_modules\/@aws-sdk\//) }).toEqual({
        module,
        sdk: [],
      });
    }
  });

  it('the composition root loads each service, with zod and x509, on first use only', () => {
    const root = loads(program, [SERVICES]);
    // The vault (the secret store is chosen, and its errors raised, when the core is made) and nothing else:
    // the passphrase store, and with it zod, only when it is the one chosen (vault/store-choice.ts).
    expect(root).toContain('main/core/vault/vault.ts');
    expect(program.inputs[SERVICES]!.imports.map((i) => i.path)).toContain('main/core/vault/store-choice.ts');
    for (const pattern of [
      ZOD,
      PASSPHRASE_STORE,
      X509,
      PKI,
      AWS_CLIENTS,
      WORKER,
      SERVE,
      PROFILES,
      SETTINGS,
      UI_STATE,
      AWS_CONFIG,
    ]) {
      expect(matching(root, pattern)).toEqual([]);
    }
    expect(matching(root, CORE)).toEqual([SERVICES]);
    expect(matching(root, /shared\/schemas\//)).toEqual([]);
    // The services the action tests above add as roots are the ones services.ts imports on first use.
    const lazy = new Set(
      program.inputs[SERVICES]!.imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path),
    );
    for (const service of [
      ...CERTIFICATES,
      'main/core/profiles.ts',
      'main/core/session-service.ts',
      'main/core/settings.ts',
      'main/core/worker/parse-file.ts',
    ]) {
      expect(lazy).toContain(service);
    }
  });

  it("leaves zod's locales but English out of the program bundle (a fifth of it, read at every start)", () => {
    const locales = [...modulesIn(new Set(CHUNKS))].filter((path) =>
      /^node_modules\/zod\/v4\/locales\//.test(path),
    );
    expect(locales).toEqual(['node_modules/zod/v4/locales/en.js']);
  });

  it('the parser worker holds the parsers, without the core, zod, commander or an AWS client', () => {
    const worker = meta.bundles['parse-worker.mjs']!;
    // Its two jobs (parse-jobs.ts), each imported when a job of its kind arrives.
    const loaded = loads(worker, [
      'main/core/worker/parse-worker.ts',
      'main/core/pki/inspect.ts',
      'main/core/pki/import.ts',
    ]);
    expect(matching(loaded, X509).length).toBeGreaterThan(0);
    for (const pattern of [ZOD, COMMANDER, AWS_CLIENTS, CORE, SERVE])
      expect(matching(loaded, pattern)).toEqual([]);
  });
});

describe('the start-up path as processes', () => {
  it('V8 takes the code cache of every chunk of the program', () => {
    const files = CHUNKS.map((chunk) => join(REPO, 'out', 'cli', chunk));
    expect(files).toContain(join(REPO, 'out', 'cli', meta.program));
    // A fresh node without flags, as the CLI runs (vitest's own process may carry other V8 flags).
    const { NODE_OPTIONS: _flags, ...env } = process.env;
    const rejected = execFileSync(
      process.execPath,
      [
        '-e',
        `const { Script } = require('node:vm'); const { readFileSync } = require('node:fs');
         const rejected = ${JSON.stringify(files)}.filter((file) => new Script(
           require('node:module').wrap(readFileSync(file, 'utf8')),
           { filename: file, cachedData: readFileSync(file + '.cache') }).cachedDataRejected !== false);
         process.stdout.write(JSON.stringify(rejected));`,
      ],
      { env, encoding: 'utf8' },
    );
    expect(JSON.parse(rejected)).toEqual([]);
  });

  const worlds: World[] = [];
  const copies: string[] = [];
  afterAll(async () => {
    for (const w of worlds) await w.close();
    for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  });

  it('a warm credential-process runs from the entry bundle alone (keychain vault)', async () => {
    const w = await makeWorld({ vault: 'keychain' });
    worlds.push(w);
    await w.profile('warm');
    const filled = await w.r.ok(['credential-process', 'warm']);
    expect(w.emu.stats().createSession).toBe(1);

    // The launcher and the entry bundle, without the program bundle: a warm call must not need it.
    const copy = mkdtempSync(join(tmpdir(), 'anchorage-entry-only-'));
    copies.push(copy);
    mkdirSync(join(copy, 'bin'));
    mkdirSync(join(copy, 'out', 'cli'), { recursive: true });
    for (const file of ['anchorage.js', 'package.json']) {
      copyFileSync(join(REPO, 'bin', file), join(copy, 'bin', file));
    }
    copyFileSync(join(REPO, 'out', 'cli', 'anchorage.cjs'), join(copy, 'out', 'cli', 'anchorage.cjs'));
    symlinkSync(join(REPO, 'node_modules'), join(copy, 'node_modules')); // the keychain addon
    const bin = join(copy, 'bin', 'anchorage.js');

    const warm = spawnSync(process.execPath, [bin, 'credential-process', 'warm'], {
      env: w.h.env,
      encoding: 'utf8',
    });
    expect(warm.stderr).toBe('');
    expect(warm.status).toBe(0);
    expect(warm.stdout).toBe(filled);
    expect(w.emu.stats().createSession).toBe(1);

    // A cold one needs the program bundle, and says so in the one error line.
    const cold = spawnSync(process.execPath, [bin, 'credential-process', 'nobody'], {
      env: w.h.env,
      encoding: 'utf8',
    });
    expect(cold.status).toBe(1);
    expect(cold.stderr).toMatch(/^error: .*program-.*\.cjs.* \(hint: .+\)\n$/);
  });

  it('`profile list` tells a cached session without loading the keychain addon; without the state file it decrypts', async () => {
    const w = await makeWorld({ vault: 'keychain' });
    worlds.push(w);
    await w.profile('listed');
    await w.profile('idle');
    const served = JSON.parse(await w.r.ok(['credential-process', 'listed'])) as { Expiration: string };

    // What the process has required by the time it exits (a native addon is in require.cache like any module).
    const probe = mkdtempSync(join(tmpdir(), 'anchorage-keyring-probe-'));
    copies.push(probe);
    writeFileSync(
      join(probe, 'probe.cjs'),
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(join(probe, 'loaded.json'))},
         JSON.stringify(Object.keys(require.cache))));`,
    );
    const profileList = () => {
      const r = spawnSync(
        process.execPath,
        [join(REPO, 'bin', 'anchorage.js'), '--json', 'profile', 'list'],
        {
          env: { ...w.h.env, NODE_OPTIONS: `--require ${join(probe, 'probe.cjs')}` },
          encoding: 'utf8',
        },
      );
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const loaded = JSON.parse(readFileSync(join(probe, 'loaded.json'), 'utf8')) as string[];
      return {
        sessions: (JSON.parse(r.stdout) as { name: string; session: unknown }[]).map((p) => [
          p.name,
          p.session,
        ]),
        keyring: loaded.filter((m) => /@napi-rs[\\/]keyring/.test(m)).length > 0,
      };
    };
    const expected = [
      ['listed', { state: 'cached', expiresAt: new Date(served.Expiration).toISOString() }],
      ['idle', { state: 'none' }],
    ];
    expect(profileList()).toEqual({ sessions: expected, keyring: false });
    // The state files gone (an older version wrote the records): the same answer, from decrypting the record.
    rmSync(join(w.h.home, 'sessions'), { recursive: true });
    expect(profileList()).toEqual({ sessions: expected, keyring: true });
  });
});

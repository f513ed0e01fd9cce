/**
 * `npm run bench`: each figure next to its baseline, measured in the same run (issues 2–4).
 * Runs under scripts/with-keyring.sh, so the CLI uses the real OS keychain as users do.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SignatureV4 } from '@smithy/signature-v4';
import { Hash } from '@smithy/hash-node';
import { previewSigV4 } from '../main/core/aws/sigv4-preview';
import { loadX509Credential } from '../main/core/aws/x509-signer';
import { benchCreateSessionSigning } from './x509-bench';
import { createRootCa } from '../main/core/pki/ca';
import { issueClientCertificate } from '../main/core/pki/issue';
import { privateKeyObject } from '../main/core/pki/keys';
import { readPfx } from '../main/core/pki/pkcs12';
import { alternate, median, printTable, timeProcess } from './measure';
import type { Row } from './measure';
import { rendererFigures } from './renderer';
import { startupFigures } from './startup';
import { serveFigures } from './serve-bench';

const REPO = resolve(import.meta.dirname, '..');
const BIN = join(REPO, 'bin', 'anchorage.js');
const work = mkdtempSync(join(tmpdir(), 'anchorage-bench-'));
const keychain = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
const env: NodeJS.ProcessEnv = {
  ...process.env,
  ANCHORAGE_HOME: join(work, 'home'),
  ...(keychain
    ? { ANCHORAGE_VAULT: 'keychain', ANCHORAGE_KEYCHAIN_SERVICE: `anchorage-bench-${process.pid}` }
    : { ANCHORAGE_VAULT: 'file', ANCHORAGE_VAULT_PASSPHRASE: 'bench-passphrase' }),
  OPENSSL_PW: 'bench-password-1',
  ANCHORAGE_EXPORT_PASSWORD: 'bench-password-1',
};
const cli = (args: string[]) => timeProcess(process.execPath, [BIN, ...args], { env });
const openssl = (args: string[]) => timeProcess('openssl', args, { env });
const rows: Row[] = [];
console.log(`vault: ${keychain ? 'OS keychain (Secret Service)' : 'passphrase file'}; work dir ${work}`);

// CA creation, whole process: `anchorage ca create` against `openssl req -x509 -newkey` (issue 2).
for (const [keyType, runs, goal, newkey] of [
  ['rsa-4096', 9, 1.5, ['-newkey', 'rsa:4096']],
  ['ec-p256', 15, 2, ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256']],
] as const) {
  const r = alternate(
    runs,
    (i) => cli(['ca', 'create', '--name', `bench-${keyType}-${i}`, '--key-type', keyType]),
    (i) =>
      openssl([
        'req',
        '-x509',
        ...newkey,
        '-nodes',
        '-sha256',
        '-keyout',
        join(work, `k${i}.pem`),
        '-out',
        join(work, `c${i}.pem`),
        '-subj',
        '/CN=bench',
        '-days',
        '3650',
      ]),
  );
  rows.push({
    figure: `CA creation ${keyType} (process)`,
    value: r.value,
    unit: 'ms',
    baseline: r.baseline,
    baselineName: 'openssl req -x509 -newkey',
    goal,
  });
}

// PFX export, whole process: `anchorage export --format pfx` against `openssl pkcs12 -export`.
execFileSync(
  process.execPath,
  [BIN, 'cert', 'issue', '--ca', 'bench-ec-p256-0', '--cn', 'bench-client', '--key-type', 'rsa-2048'],
  { env },
);
execFileSync(
  'openssl',
  [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    join(work, 'pk.pem'),
    '-out',
    join(work, 'pc.pem'),
    '-subj',
    '/CN=bench',
    '-days',
    '365',
    // A client certificate Roles Anywhere accepts, so that `anchorage inspect` passes (exit 0) on the PFX.
    '-addext',
    'basicConstraints=critical,CA:FALSE',
    '-addext',
    'keyUsage=critical,digitalSignature',
    '-addext',
    'extendedKeyUsage=clientAuth',
  ],
  { env, stdio: 'pipe' },
);
/** `openssl pkcs12 -export` of the same kind of key and certificate, with extra options (e.g. `-iter`). */
const opensslExport = (out: string, extra: string[] = []) => [
  'pkcs12',
  '-export',
  ...extra,
  '-inkey',
  join(work, 'pk.pem'),
  '-in',
  join(work, 'pc.pem'),
  '-passout',
  'env:OPENSSL_PW',
  '-out',
  out,
];
const anchorageExport = (i: number) =>
  cli(['export', 'bench-client', '--format', 'pfx', '--out', join(work, `a${i}-${Math.random()}.pfx`)]);
// Against openssl (against `node -e 0`, with its goal, in the start-up figures below).
const pfx = alternate(
  10,
  (i) => anchorageExport(i),
  (i) => openssl(opensslExport(join(work, `o${i}.pfx`))),
);
rows.push({
  figure: 'PFX export, modern (process)',
  value: pfx.value,
  unit: 'ms',
  baseline: pfx.baseline,
  baselineName: 'openssl pkcs12 -export',
});

// Opening a PFX made by `openssl pkcs12 -export -iter 1000000` (MAC and both PBES2 bags at 1,000,000): our
// readPfx in process (what the app's parser worker runs) and `anchorage inspect` as a process, against
// `openssl pkcs12 -in … -nodes` on the same file, which does the same work: verify the MAC, decrypt both bags.
const million = join(work, 'million.pfx');
execFileSync('openssl', opensslExport(million, ['-iter', '1000000']), { env });
const opensslOpen = () =>
  openssl([
    'pkcs12',
    '-in',
    million,
    '-nodes',
    '-passin',
    'env:OPENSSL_PW',
    '-out',
    join(work, 'million.pem'),
  ]);
const millionBytes = new Uint8Array(readFileSync(million));
const inProcess: number[] = [];
const opensslRuns: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  await readPfx(millionBytes, 'bench-password-1');
  inProcess.push(performance.now() - t);
  opensslRuns.push(opensslOpen());
}
rows.push({
  figure: 'Open 1,000,000-iteration PFX (in process)',
  value: median(inProcess),
  unit: 'ms',
  baseline: median(opensslRuns),
  baselineName: 'openssl pkcs12 -in -nodes',
  goal: 3,
});
const openProcess = alternate(
  5,
  () =>
    timeProcess(process.execPath, [BIN, 'inspect', million, '--password-stdin'], {
      env,
      input: 'bench-password-1',
    }),
  () => opensslOpen(),
);
rows.push({
  figure: 'Open 1,000,000-iteration PFX (anchorage inspect, process)',
  value: openProcess.value,
  unit: 'ms',
  baseline: openProcess.baseline,
  baselineName: 'openssl pkcs12 -in -nodes',
});

// Start-up, as ratios to `node -e 0` in the same run (issue 11 §3; issue 3's warm credential-process): every
// command with a goal, in a data directory of its own (a user's few certificates, not the runs above).
rows.push(
  ...(await startupFigures({
    bin: BIN,
    env: {
      ...env,
      ANCHORAGE_HOME: join(work, 'startup-home'),
      ANCHORAGE_KEYCHAIN_SERVICE: `${env.ANCHORAGE_KEYCHAIN_SERVICE ?? 'anchorage-bench'}-startup`,
    },
    work,
  })),
);
// Serving credentials (issue 11 §1): fetch latency through `serve` and its memory, in a data directory of its own.
rows.push(
  ...(await serveFigures({ bin: BIN, env: { ...env, ANCHORAGE_HOME: join(work, 'serve-home') }, work })),
);

// CreateSession request signing, RSA-2048, in process: absolute goal 2 ms.
const rsaCa = await createRootCa({ subject: { commonName: 'Bench RSA CA' }, keyType: 'rsa-2048' });
const leaf = await issueClientCertificate({
  issuer: { certificate: rsaCa.certificatePem, privateKeyPkcs8: rsaCa.privateKeyPkcs8 },
  subject: { commonName: 'bench' },
  keyType: 'rsa-2048',
});
const signing = benchCreateSessionSigning(
  loadX509Credential({
    certificate: leaf.certificatePem,
    privateKey: privateKeyObject(leaf.privateKeyPkcs8),
  }),
  500,
);
rows.push({
  figure: 'CreateSession signing, RSA-2048 (in process)',
  value: signing.medianMs,
  unit: 'ms',
  goal: 2,
});

// SigV4 of a 1 MB body: our preview (which also records every step) against bare @smithy/signature-v4.
const body = new Uint8Array(1024 * 1024).fill(97);
const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const bare = new SignatureV4({
  credentials,
  region: 'us-east-1',
  service: 'execute-api',
  sha256: Hash.bind(null, 'sha256'),
});
const url = new URL('https://abc.execute-api.us-east-1.amazonaws.com/prod/upload');
const ours: number[] = [];
const theirs: number[] = [];
for (let i = 0; i < 40; i++) {
  let t = performance.now();
  await previewSigV4({
    method: 'PUT',
    url: url.href,
    body,
    service: 'execute-api',
    region: 'us-east-1',
    credentials,
  });
  ours.push(performance.now() - t);
  t = performance.now();
  await bare.sign({
    method: 'PUT',
    protocol: url.protocol,
    hostname: url.hostname,
    path: url.pathname,
    headers: { host: url.hostname },
    body,
  });
  theirs.push(performance.now() - t);
}
rows.push({
  figure: 'SigV4 signing, 1 MB body (in process)',
  value: median(ours.slice(5)),
  unit: 'ms',
  baseline: median(theirs.slice(5)),
  baselineName: '@smithy/signature-v4 sign()',
  goal: 1.2,
});

rows.push(...(await rendererFigures()));
printTable(rows);
rmSync(work, { recursive: true, force: true });

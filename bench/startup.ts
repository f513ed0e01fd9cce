/**
 * Start-up figures (issue 11 §3): every command whose start-up has a goal, as a whole process, against a bare
 * `node -e 0` in the same run. Each round runs `node -e 0` and every command once, in a rotating order, so
 * machine noise falls on all alike; each ratio is a command's median over the median of `node -e 0`.
 *
 * Run alone with `bash scripts/with-keyring.sh tsx bench/startup.ts` (after `npm run build:cli`); `npm run
 * bench` runs it with everything else.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { startEmulator } from '../test/emulator/index';
import { median, printTable, timeProcess } from './measure';
import type { Row } from './measure';

const ARN = {
  ta: 'arn:aws:rolesanywhere:us-east-1:111122223333:trust-anchor/5b1d8c7e-2f4a-4c3b-9e6d-7a8b9c0d1e2f',
  profile: 'arn:aws:rolesanywhere:us-east-1:111122223333:profile/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  role: 'arn:aws:iam::111122223333:role/startup',
};

interface Figure {
  figure: string;
  /** None: reported only. */
  goal?: number;
  run: (i: number) => number;
}

/**
 * Start-up ratios to `node -e 0`. `env` selects the data directory and the vault (the OS keychain for the
 * `credential-process` goal); `work` is a scratch directory for the files the commands write.
 */
export async function startupFigures(options: {
  bin: string;
  env: NodeJS.ProcessEnv;
  work: string;
  rounds?: number;
}): Promise<Row[]> {
  const { bin, env, work } = options;
  const rounds = options.rounds ?? 21;
  // `ca create` and `cert issue` write into a data directory (and keychain item) of their own, so that the
  // inventory `list` reads stays the same through the rounds: one CA and one client certificate.
  const writes: NodeJS.ProcessEnv = {
    ...env,
    ANCHORAGE_HOME: `${env.ANCHORAGE_HOME}-writes`,
    ANCHORAGE_KEYCHAIN_SERVICE: `${env.ANCHORAGE_KEYCHAIN_SERVICE ?? 'anchorage-startup'}-writes`,
  };
  const cli = (args: string[], e = env) => timeProcess(process.execPath, [bin, ...args], { env: e });
  const setup = (args: string[], e = env) => execFileSync(process.execPath, [bin, ...args], { env: e });

  for (const e of [env, writes]) setup(['ca', 'create', '--name', 'startup-ca', '--key-type', 'ec-p256'], e);
  setup(['cert', 'issue', '--ca', 'startup-ca', '--cn', 'startup-client', '--key-type', 'ec-p256']);
  const caPem = join(work, 'startup-ca.pem');
  const clientPem = join(work, 'startup-client.pem');
  setup(['export', 'startup-ca', '--format', 'pem', '--out', caPem]);
  setup(['export', 'startup-client', '--format', 'pem', '--out', clientPem]);

  const emulator = await startEmulator({
    region: 'us-east-1',
    trustAnchors: [{ arn: ARN.ta, certificatesPem: [readFileSync(caPem, 'utf8')] }],
    profiles: [{ arn: ARN.profile, roleArns: [ARN.role] }],
  });
  try {
    setup([
      'profile',
      'add',
      'startup',
      '--cert',
      'startup-client',
      '--trust-anchor-arn',
      ARN.ta,
      '--profile-arn',
      ARN.profile,
      '--role-arn',
      ARN.role,
      '--endpoint',
      emulator.url,
    ]);
    // Async: the emulator runs in this process and must be free to answer the cache-filling call.
    await promisify(execFile)(process.execPath, [bin, 'credential-process', 'startup'], { env });

    const figures: Figure[] = [
      {
        figure: 'credential-process, warm cache',
        goal: 1.3,
        run: () => cli(['credential-process', 'startup']),
      },
      // The floor of every command but the warm credential_process: the entry, the program's first chunks
      // and commander, with no command module and no core.
      { figure: 'program floor: --version', run: () => cli(['--version']) },
      { figure: 'list', goal: 1.5, run: () => cli(['list']) },
      { figure: 'profile list', goal: 1.5, run: () => cli(['profile', 'list']) },
      { figure: 'settings', goal: 1.5, run: () => cli(['settings']) },
      { figure: 'inspect (PEM certificate)', goal: 1.5, run: () => cli(['inspect', clientPem]) },
      {
        figure: 'ca create, EC P-256',
        goal: 2,
        run: (i) => cli(['ca', 'create', '--name', `startup-ca-${i}`, '--key-type', 'ec-p256'], writes),
      },
      {
        figure: 'cert issue, EC P-256',
        goal: 2,
        run: (i) =>
          cli(
            ['cert', 'issue', '--ca', 'startup-ca', '--cn', `startup-${i}`, '--key-type', 'ec-p256'],
            writes,
          ),
      },
      {
        figure: 'PFX export, modern',
        goal: 2,
        run: (i) =>
          cli(['export', 'startup-client', '--format', 'pfx', '--out', join(work, `startup-${i}.pfx`)]),
      },
    ];
    const node: number[] = [];
    const times = figures.map(() => [] as number[]);
    for (let i = 0; i < rounds; i++) {
      node.push(timeProcess(process.execPath, ['-e', '0']));
      for (let k = 0; k < figures.length; k++) {
        const n = (i + k) % figures.length;
        times[n]!.push(figures[n]!.run(i));
      }
    }
    const baseline = median(node);
    const sessions = emulator.stats().createSession;
    if (sessions !== 1) {
      throw new Error(
        `credential-process called CreateSession ${sessions} times; the timed runs must be cache hits`,
      );
    }
    return figures.map((f, n) => ({
      figure: `${f.figure} (start-up)`,
      value: median(times[n]!),
      unit: 'ms',
      baseline,
      baselineName: 'node -e 0',
      ...(f.goal !== undefined ? { goal: f.goal } : {}),
    }));
  } finally {
    await emulator.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const work = mkdtempSync(join(tmpdir(), 'anchorage-startup-'));
  const keychain = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
  try {
    const rows = await startupFigures({
      bin: resolve(import.meta.dirname, '..', 'bin', 'anchorage.js'),
      work,
      env: {
        ...process.env,
        ANCHORAGE_HOME: join(work, 'home'),
        ANCHORAGE_EXPORT_PASSWORD: 'bench-password-1',
        ...(keychain
          ? { ANCHORAGE_VAULT: 'keychain', ANCHORAGE_KEYCHAIN_SERVICE: `anchorage-startup-${process.pid}` }
          : { ANCHORAGE_VAULT: 'file', ANCHORAGE_VAULT_PASSPHRASE: 'bench-passphrase' }),
      },
    });
    console.log(`vault: ${keychain ? 'OS keychain (Secret Service)' : 'passphrase file'}`);
    printTable(rows);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

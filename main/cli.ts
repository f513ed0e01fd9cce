/**
 * Entry of the `anchorage` CLI. Kept tiny on purpose: `credential-process` is run by the AWS CLI and SDKs
 * before every credential refresh, so its warm path loads only the vault and the session cache
 * (benchmarked against `node -e 0`); every other command loads the full program lazily.
 */
import { toErrorInfo } from '../shared/errors';
import { errorOutput, wantsJson } from './cli/format';

async function main(argv: string[]): Promise<void> {
  const fast = parseCredentialProcess(argv);
  if (fast) {
    const { credentialProcess } = await import('./cli/credential-process');
    await credentialProcess(fast.profile, fast.home);
    return;
  }
  const { buildProgram } = await import('./cli/program');
  await buildProgram(argv).parseAsync(argv, { from: 'user' });
}

/** Recognise exactly `[--home DIR] credential-process NAME`; anything else goes through the full parser. */
function parseCredentialProcess(argv: string[]): { profile: string; home?: string } | undefined {
  let home: string | undefined;
  let rest = argv;
  if (rest[0] === '--home' && rest.length >= 2) {
    home = rest[1];
    rest = rest.slice(2);
  } else if (rest[0]?.startsWith('--home=')) {
    home = rest[0].slice('--home='.length);
    rest = rest.slice(1);
  }
  if (rest.length === 2 && rest[0] === 'credential-process' && rest[1] && !rest[1].startsWith('-')) {
    return { profile: rest[1], home };
  }
  return undefined;
}

const argv = process.argv.slice(2);
main(argv).catch((error: unknown) => {
  process.stderr.write(`${errorOutput(toErrorInfo(error), wantsJson(argv))}\n`);
  process.exitCode = 1;
});

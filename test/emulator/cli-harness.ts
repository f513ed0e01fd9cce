/** The standalone emulator (`test/emulator/cli.ts`) as a child process, for its tests. */
import { spawn, type ChildProcess } from 'node:child_process';

/** Started children, each killed by {@link killEmulatorClis} if still running. */
const children: ChildProcess[] = [];

/** Start the CLI; resolves with its banner once complete, rejects with its output when it exits. */
export function startEmulatorCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcess; banner: string }> {
  // Node itself with tsx's loader, not the tsx wrapper: a SIGTERM then reaches the emulator's own handler
  // directly, with no relaying process between them (under load the wrapper could report 143).
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/emulator/cli.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ctrl-C')) resolve({ child, banner: out });
    });
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`cli exited ${code}: ${err}${out}`)));
  });
}

export function killEmulatorClis(): void {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
}

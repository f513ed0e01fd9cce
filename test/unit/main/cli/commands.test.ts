/**
 * The command table (main/cli/commands.ts): a command line that names a command gets a program with that
 * command alone, and that command is the same, option for option and subcommand for subcommand, as in the
 * whole program; anything else gets the whole program, in the order `anchorage --help` lists it.
 */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { commandName, registrations } from '../../../../main/cli/commands';
import { CertificateRoleSchema } from '../../../../shared/schemas/models';

async function programWith(name: string | undefined): Promise<Command> {
  const program = new Command('anchorage');
  for (const register of await registrations(name)) register(program);
  return program;
}

/** Everything a user can see or type of a command: its usage, words, options and subcommands. */
interface Shape {
  name: string;
  usage: string;
  description: string;
  options: string[];
  commands: Shape[];
}
function shape(command: Command): Shape {
  return {
    name: command.name(),
    usage: command.usage(),
    description: command.description(),
    options: command.options.map(
      (o) =>
        `${o.flags} ${o.description} ${String(o.defaultValue)} ${o.argChoices?.join('|') ?? ''} ${String(o.mandatory)}`,
    ),
    commands: command.commands.map(shape),
  };
}

describe('commandName', () => {
  it.each([
    [['list'], 'list'],
    [['list', '--tree'], 'list'],
    [['profile', 'list'], 'profile'],
    [['--json', 'ca', 'create'], 'ca'],
    [['--home', '/data', 'settings'], 'settings'],
    [['--home=/data', '--json', 'vault', 'status'], 'vault'],
    [['--home', 'list', 'inspect'], 'inspect'], // `list` is --home's value
    [['lst'], 'lst'], // not a command: registrations() gives the whole program
  ] as const)('%j names %s', (argv, name) => {
    expect(commandName(argv)).toBe(name);
  });

  it.each([
    [[]],
    [['--help']],
    [['-h', 'list']],
    [['--version']],
    [['--bogus', 'list']],
    [['--home']],
    [['--', 'list']],
  ])('%j names no command (the whole program parses it)', (argv) => {
    expect(commandName(argv)).toBeUndefined();
  });
});

describe('registrations', () => {
  it('registers every command in the order of `anchorage --help`', async () => {
    const program = await programWith(undefined);
    expect(program.commands.map((c) => c.name())).toEqual([
      'ca',
      'cert',
      'list',
      'export',
      'import',
      'inspect',
      'revoke',
      'crl',
      'rename',
      'delete',
      'profile',
      'static',
      'session',
      'credential-process',
      'whoami',
      'configure-aws',
      'trust-policy',
      'sign',
      'aws',
      'serve',
      'exec',
      'settings',
      'vault',
    ]);
    // The lifecycle verbs join their groups.
    expect(program.commands.find((c) => c.name() === 'ca')?.commands.map((c) => c.name())).toEqual([
      'create',
      'renew',
    ]);
    expect(program.commands.find((c) => c.name() === 'cert')?.commands.map((c) => c.name())).toEqual([
      'issue',
      'renew',
    ]);
  });

  it('gives each command alone, exactly as the whole program has it', async () => {
    const whole = await programWith(undefined);
    for (const command of whole.commands) {
      const alone = await programWith(command.name());
      expect(alone.commands.map(shape)).toEqual([shape(command)]);
    }
  });

  it("offers the schema's certificate roles to `inspect --as`, in its order (without loading zod for it)", async () => {
    const inspect = (await programWith('inspect')).commands[0]!;
    const as = inspect.options.find((o) => o.long === '--as');
    expect(as?.argChoices).toEqual(CertificateRoleSchema.options);
  });

  it('gives the whole program for a word that is not a command', async () => {
    expect((await programWith('lst')).commands).toHaveLength((await programWith(undefined)).commands.length);
  });
});

/**
 * The command line that runs this CLI on a given data directory: what `~/.aws/config`'s credential_process
 * holds. The AWS CLI runs it from any directory, so the data directory is absolute (issue 9). Shared by the
 * CLI's configure-aws and the app's "Configure AWS CLI" button: `--home` is the CLI's word, so it lives here.
 */
export function cliCommandFor(base: readonly string[], dataDir: string): string[] {
  return [...base, '--home', dataDir];
}

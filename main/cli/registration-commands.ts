/**
 * `anchorage aws …` (issue 12): register with AWS through its own APIs (`discover`, `setup`), keep AWS in step
 * (`push-crl`, `update-anchor`), and the same resources as code (`template`). The operator's credentials come
 * from the AWS SDK's default chain (`--aws-profile`) or a stored static set (`--static`).
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { AnchorageError } from '../../shared/errors';
import { TEMPLATE_FORMATS, TRUST_CONDITIONS } from '../../shared/domain/registration';
import type { OperatorSource } from '../../shared/schemas/registration';
import type { Discovery, PushCrlResult, SetupResult, SetupStep, UpdateAnchorResult } from '../core/api';
import { fields, table } from './format';
import { action } from './run';

const collect = (value: string, previous: string[] = []) => [...previous, value];

type Condition = (typeof TRUST_CONDITIONS)[number];

/** `--condition cn|source-arn`, repeatable. */
function condition(value: string, previous: Condition[] = []): Condition[] {
  if (!(TRUST_CONDITIONS as readonly string[]).includes(value)) {
    throw new AnchorageError(
      'INVALID_INPUT',
      `--condition must be ${TRUST_CONDITIONS.join(' or ')} (got "${value}").`,
      'cn pins the client certificate’s CN; source-arn pins the trust anchor.',
    );
  }
  return [...previous, value as Condition];
}

/** `--aws-profile` or `--static` (not both): whose credentials make the calls. */
function operator(o: Record<string, unknown>): OperatorSource {
  if (o.awsProfile !== undefined && o.static !== undefined) {
    throw new AnchorageError(
      'INVALID_INPUT',
      'Give --aws-profile or --static, not both.',
      '--aws-profile picks a ~/.aws profile; --static a credential set stored with `anchorage static add`.',
    );
  }
  if (typeof o.static === 'string') return { kind: 'static', name: o.static };
  return { kind: 'aws-profile', ...(typeof o.awsProfile === 'string' ? { profile: o.awsProfile } : {}) };
}

function withOperator(command: Command): Command {
  return command
    .option(
      '--aws-profile <name>',
      'operator credentials from this ~/.aws profile (default: the SDK default chain)',
    )
    .option('--static <name>', 'operator credentials from a static set stored in Anchorage')
    .option('--region <region>', 'default: AWS_REGION, or the AWS profile’s region');
}

function seconds(value: string): number {
  if (!/^\d+$/.test(value)) {
    throw new AnchorageError(
      'INVALID_DURATION',
      `--duration must be whole seconds (got "${value}").`,
      'Use 900 to 43200.',
    );
  }
  return Number(value);
}

const STATUS_WORD: Record<SetupStep['status'], string> = {
  planned: 'would',
  running: 'running',
  created: 'created',
  reused: 'exists',
  updated: 'updated',
  passed: 'passed',
  failed: 'FAILED',
  'not-run': 'not run',
};

const STEP_WORD: Record<SetupStep['id'], string> = {
  'trust-anchor': 'trust anchor',
  role: 'role',
  'role-policies': 'role policies',
  profile: 'Roles Anywhere profile',
  'save-profile': 'Anchorage profile',
  test: 'test (CreateSession, whoami)',
};

function setupText(r: SetupResult): string {
  const lines: string[] = [];
  if (r.dryRun) {
    lines.push(`Dry run in ${r.region}: nothing was called. A run makes, in order (each only if needed):`);
    for (const s of r.steps)
      lines.push(`  ${STEP_WORD[s.id]}: ${s.calls.length > 0 ? s.calls.join(', ') : 'local'}`);
    lines.push(
      '',
      'The operator needs this IAM policy for it (least privilege):',
      JSON.stringify(r.operatorPolicy, null, 2),
    );
    return lines.join('\n');
  }
  for (const s of r.steps) {
    const what = [s.name, s.arn && s.arn !== s.name ? s.arn : undefined].filter(Boolean).join(' ');
    const attached = s.attached && s.attached.length > 0 ? ` (attached ${s.attached.join(', ')})` : '';
    lines.push(`${STATUS_WORD[s.status].padEnd(8)} ${STEP_WORD[s.id]}${what ? `: ${what}` : ''}${attached}`);
    if (s.error) lines.push(`         error: ${s.error.message}`, `         hint: ${s.error.hint}`);
    if (s.trustPolicyDiff) {
      lines.push(
        '         its trust policy now:',
        indent(s.trustPolicyDiff.current),
        '         wanted:',
        indent(s.trustPolicyDiff.wanted),
      );
    }
  }
  if (r.complete) {
    lines.push(
      '',
      `Saved as the Anchorage profile "${r.profile ?? ''}"; it works: ${r.identity?.Arn ?? ''}.`,
    );
    lines.push(
      `Try: anchorage session ${r.profile ?? ''}   (or: anchorage configure-aws ${r.profile ?? ''})`,
    );
  } else {
    lines.push(
      '',
      'Setup stopped. What exists stays; run the same command again to continue from the failed step.',
    );
  }
  return lines.join('\n');
}

const indent = (text: string) => text.replace(/^/gm, '           ');

function discoveryText(d: Discovery): string {
  const yes = (b: boolean) => (b ? 'yes' : 'no');
  const anchors =
    d.trustAnchors.length === 0
      ? 'No trust anchors.'
      : table(
          ['TRUST ANCHOR', 'ENABLED', 'SOURCE', 'HOLDS', 'ARN'],
          d.trustAnchors.map((a) => [
            a.name,
            yes(a.enabled),
            a.sourceType,
            a.matches
              .map((m) => (m.current ? m.name : `${m.name} (older certificate: run aws update-anchor)`))
              .join(', ') || '-',
            a.arn,
          ]),
        );
  const profiles =
    d.profiles.length === 0
      ? 'No profiles.'
      : table(
          ['PROFILE', 'ENABLED', 'DURATION', 'ROLES', 'ARN'],
          d.profiles.map((p) => [
            p.name,
            yes(p.enabled),
            p.durationSeconds ? `${p.durationSeconds} s` : '-',
            p.roleArns.join(', '),
            p.arn,
          ]),
        );
  const roles =
    d.roles.length === 0
      ? 'No roles that Roles Anywhere may assume.'
      : table(
          ['ROLE', 'CN', 'TRUST ANCHORS', 'ARN'],
          d.roles.map((r) => [r.name, r.commonName ?? '-', r.trustAnchorArns.join(', ') || 'any', r.arn]),
        );
  return [`Region ${d.region}`, '', anchors, '', profiles, '', roles].join('\n');
}

function pushText(r: PushCrlResult): string {
  return fields([
    ['CRL', `${r.name} (${r.action}, ${r.enabled ? 'enabled' : 'disabled'})`],
    ['Revokes', `${r.revoked} certificate(s)`],
    ['Trust anchor', r.trustAnchorArn],
    ['CRL ARN', r.crlArn],
    ['Calls', r.calls.join(', ')],
  ]);
}

function updateText(r: UpdateAnchorResult): string {
  return fields([
    ['Trust anchor', r.trustAnchorArn],
    [
      'Bundle',
      r.action === 'updated'
        ? `updated: ${r.certificates} certificate(s), the new CA certificate first`
        : `unchanged: it already holds the CA's current certificate (${r.certificates} in all)`,
    ],
    ['Calls', r.calls.join(', ')],
  ]);
}

export function registerAwsCommand(program: Command): void {
  const aws = program
    .command('aws')
    .description(
      'register with AWS for me: trust anchor, role and profile through AWS APIs; keep them in step',
    );

  withOperator(
    aws.command('discover').description('list trust anchors, profiles and Roles Anywhere roles'),
  ).action(
    action(
      (core, o) =>
        core.awsDiscover({ operator: operator(o), ...(o.region ? { region: o.region as string } : {}) }),
      discoveryText,
    ),
  );

  withOperator(
    aws
      .command('setup')
      .description(
        'create or reuse the trust anchor, role and profile, save the Anchorage profile and test it',
      )
      .requiredOption('--ca <ref>', 'the CA the trust anchor holds')
      .requiredOption('--cert <ref>', 'the client certificate (issued by that CA) the profile signs with')
      .requiredOption('--role-name <name>', 'the IAM role to create or reuse')
      .option('--policy-arn <arn>', 'a managed policy to attach to the role (repeatable)', collect, [])
      .option('--trust-anchor-name <name>', 'default: the CA’s name')
      .option('--profile-name <name>', 'the Roles Anywhere profile; default: the role name')
      .option('--duration <seconds>', 'session duration, 900–43200 s (default 3600)', seconds)
      .option(
        '--condition <kind>',
        'pin the trust policy: cn (the certificate’s CN) or source-arn (this trust anchor); repeatable',
        condition,
        [],
      )
      .option('--save-profile <name>', 'the Anchorage profile to save; default: the role name')
      .option('--endpoint <url>', 'the saved profile’s CreateSession endpoint (private endpoint, emulator)')
      .option('--update-trust', 'replace an existing role’s different trust policy')
      .option('--dry-run', 'print the calls and the operator policy they need; call nothing'),
  ).action(
    action(async (core, o) => {
      const result = await core.awsSetup({
        operator: operator(o),
        ...(o.region ? { region: o.region as string } : {}),
        ca: o.ca as string,
        certificate: o.cert as string,
        roleName: o.roleName as string,
        policyArns: o.policyArn as string[],
        ...(o.trustAnchorName ? { trustAnchorName: o.trustAnchorName as string } : {}),
        ...(o.profileName ? { profileName: o.profileName as string } : {}),
        ...(o.duration !== undefined ? { durationSeconds: o.duration as number } : {}),
        conditions: o.condition as Condition[],
        ...(o.saveProfile ? { saveProfile: o.saveProfile as string } : {}),
        ...(o.endpoint ? { endpoint: o.endpoint as string } : {}),
        updateTrust: Boolean(o.updateTrust),
        dryRun: Boolean(o.dryRun),
      });
      // A stopped run printed what exists; its exit status still says it failed.
      if (!result.dryRun && !result.complete) process.exitCode = 1;
      return result;
    }, setupText),
  );

  withOperator(
    aws
      .command('push-crl <ca>')
      .description("upload the CA's CRL to its trust anchor (ImportCrl, then UpdateCrl), enabled")
      .option('--trust-anchor-arn <arn>', 'default: the one trust anchor that holds the CA'),
  ).action(
    action(
      (core, o, [ca]) =>
        core.awsPushCrl({
          operator: operator(o),
          ca: ca as string,
          ...(o.region ? { region: o.region as string } : {}),
          ...(o.trustAnchorArn ? { trustAnchorArn: o.trustAnchorArn as string } : {}),
        }),
      pushText,
    ),
  );

  withOperator(
    aws
      .command('update-anchor <ca>')
      .description('after `ca renew`: put the new CA certificate beside the old one in its trust anchor')
      .option('--trust-anchor-arn <arn>', 'default: the one trust anchor that holds the CA'),
  ).action(
    action(
      (core, o, [ca]) =>
        core.awsUpdateAnchor({
          operator: operator(o),
          ca: ca as string,
          ...(o.region ? { region: o.region as string } : {}),
          ...(o.trustAnchorArn ? { trustAnchorArn: o.trustAnchorArn as string } : {}),
        }),
      updateText,
    ),
  );

  aws
    .command('template')
    .description('the same trust anchor, role and profile as a CloudFormation or Terraform template (stdout)')
    .addOption(
      new Option('--format <format>', 'template language')
        .choices([...TEMPLATE_FORMATS])
        .makeOptionMandatory(),
    )
    .requiredOption('--ca <ref>', 'the CA the trust anchor holds')
    .requiredOption('--role-name <name>', 'the IAM role')
    .option('--cert <ref>', 'the client certificate (for --condition cn)')
    .option('--policy-arn <arn>', 'a managed policy to attach (repeatable)', collect, [])
    .option('--trust-anchor-name <name>', 'default: the CA’s name')
    .option('--profile-name <name>', 'default: the role name')
    .option('--duration <seconds>', 'session duration, 900–43200 s (default 3600)', seconds)
    .option('--condition <kind>', 'pin the trust policy: cn or source-arn; repeatable', condition, [])
    .action(
      action(async (core, o) => {
        const text = await core.awsTemplate({
          format: o.format as (typeof TEMPLATE_FORMATS)[number],
          ca: o.ca as string,
          roleName: o.roleName as string,
          ...(o.cert ? { certificate: o.cert as string } : {}),
          policyArns: o.policyArn as string[],
          ...(o.trustAnchorName ? { trustAnchorName: o.trustAnchorName as string } : {}),
          ...(o.profileName ? { profileName: o.profileName as string } : {}),
          ...(o.duration !== undefined ? { durationSeconds: o.duration as number } : {}),
          conditions: o.condition as Condition[],
        });
        process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
        return undefined;
      }),
    );
}

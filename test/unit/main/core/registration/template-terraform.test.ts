/**
 * The Terraform template of `aws template` (issue 12 §5), checked by tools we did not write: `terraform fmt`
 * (canonical form), HashiCorp's HCL parser (@cdktf/hcl2json, the Go hcl library as wasm) for the structure, and
 * `terraform console` for the values: every string and the `jsonencode` trust policy are evaluated by Terraform
 * itself, so an escaping mistake (a `${` in a CN becoming an interpolation) shows as a wrong value or an error.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReferencesInExpression, parse } from '@cdktf/hcl2json';
import { renderTemplate, type TemplateSpec } from '../../../../../main/core/registration/template';
import { buildTrustPolicy } from '../../../../../shared/domain/trust-policy';
import { requireTool, run } from '../../../../support/tools';
import { opensslCaPem, templateSpec } from './template-fixtures';

/** No call home for a version check; the CLI config the machine points at may not exist (a warning only). */
const TERRAFORM_ENV = { CHECKPOINT_DISABLE: '1' };
/** Everything a user controls, with each thing HCL must escape: quotes, backslashes, both template openers. */
const HOSTILE = 'a"b\\c ${x} %{y} $${z} %%{w}\n\t\u0001 é€';

let caPem = '';
let scratch = '';
beforeAll(() => {
  requireTool('terraform');
  scratch = mkdtempSync(join(tmpdir(), 'anchorage-tf-'));
  caPem = opensslCaPem();
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function spec(overrides: Partial<TemplateSpec> = {}): TemplateSpec {
  return templateSpec('terraform', caPem, overrides);
}

const HOSTILE_SPEC = (): TemplateSpec =>
  spec({
    commonName: HOSTILE,
    roleName: `role ${HOSTILE}`,
    trustAnchorName: `anchor ${HOSTILE}`,
    profileName: `profile ${HOSTILE}`,
    policyArns: [`arn:aws:iam::123456789012:policy/${HOSTILE}`],
  });

const VARIANTS: [string, () => TemplateSpec][] = [
  ['both conditions and two policies', () => spec()],
  ['no condition and no policy', () => spec({ conditions: [], policyArns: [] })],
  ['the cn condition only', () => spec({ conditions: ['cn'] })],
  ['the source-arn condition only', () => spec({ conditions: ['source-arn'], commonName: undefined })],
  ['hostile names, CN and policy ARN', HOSTILE_SPEC],
];

function terraform(args: string[], options: { input?: string; cwd?: string } = {}): string {
  const r = run('terraform', args, { ...options, env: TERRAFORM_ENV });
  if (r.code !== 0)
    throw new Error(`terraform ${args.join(' ')} failed (${r.code}):\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Evaluate what hcl2json parsed with Terraform: the parsed tree becomes one local of a JSON-syntax config (whose
 * strings are templates, as in the native syntax), each reference to a resource or `each` is swapped for a local
 * holding `REF(<reference>)` (there is no provider here to create resources), and `terraform console` prints
 * the whole tree as JSON.
 */
async function evaluate(tree: Json): Promise<Json> {
  const refs = new Map<string, string>();
  const swap = async (value: Json): Promise<Json> => {
    if (typeof value === 'string') {
      if (!value.includes('${')) return value;
      // hcl2json reports byte offsets into the UTF-8 text; splice from the end so earlier offsets hold.
      let bytes = Buffer.from(value);
      const found = await getReferencesInExpression('main.tf', value);
      for (const ref of [...found].sort((a, b) => b.startPosition - a.startPosition)) {
        const local = refs.get(ref.value) ?? `ref_${refs.size}`;
        refs.set(ref.value, local);
        bytes = Buffer.concat([
          bytes.subarray(0, ref.startPosition),
          Buffer.from(`local.${local}`),
          bytes.subarray(ref.endPosition),
        ]);
      }
      return bytes.toString();
    }
    if (Array.isArray(value)) return Promise.all(value.map(swap));
    if (value && typeof value === 'object') {
      const entries = await Promise.all(
        Object.entries(value).map(async ([k, v]) => [k, await swap(v)] as const),
      );
      return Object.fromEntries(entries);
    }
    return value;
  };
  const all = await swap(tree);
  const locals: Record<string, Json> = { all };
  for (const [ref, local] of refs) locals[local] = `REF(${ref})`;
  const dir = mkdtempSync(join(scratch, 'eval-'));
  writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({ locals }));
  // base64 keeps the console's own quoting out of the way.
  const printed = terraform(['console'], { cwd: dir, input: 'base64encode(jsonencode(local.all))\n' }).trim();
  return JSON.parse(Buffer.from(JSON.parse(printed) as string, 'base64').toString('utf8')) as Json;
}

/** The evaluated tree we expect for a spec: Terraform's view of what `aws setup` creates. */
function expectedTree(s: TemplateSpec, pem: string): Json {
  const ref = (r: string) => `REF(${r})`;
  const policy = buildTrustPolicy({
    commonName: s.conditions.includes('cn') ? s.commonName : undefined,
    trustAnchorArn: s.conditions.includes('source-arn')
      ? ref('aws_rolesanywhere_trust_anchor.this.arn')
      : undefined,
  });
  const output = (value: string) => [{ description: expect.stringContaining('Anchorage profile'), value }];
  return {
    terraform: [{ required_providers: [{ aws: { source: 'hashicorp/aws' } }] }],
    resource: {
      aws_rolesanywhere_trust_anchor: {
        this: [
          {
            name: s.trustAnchorName,
            enabled: true,
            source: [{ source_type: 'CERTIFICATE_BUNDLE', source_data: [{ x509_certificate_data: pem }] }],
          },
        ],
      },
      aws_iam_role: {
        this: [{ name: s.roleName, assume_role_policy: JSON.parse(JSON.stringify(policy)) as Json }],
      },
      ...(s.policyArns.length > 0
        ? {
            aws_iam_role_policy_attachment: {
              this: [
                {
                  for_each: [...s.policyArns].sort(),
                  role: ref('aws_iam_role.this.name'),
                  policy_arn: ref('each.value'),
                },
              ],
            },
          }
        : {}),
      aws_rolesanywhere_profile: {
        this: [
          {
            name: s.profileName,
            enabled: true,
            role_arns: [ref('aws_iam_role.this.arn')],
            duration_seconds: s.durationSeconds,
          },
        ],
      },
    },
    output: {
      trust_anchor_arn: output(ref('aws_rolesanywhere_trust_anchor.this.arn')),
      role_arn: output(ref('aws_iam_role.this.arn')),
      profile_arn: output(ref('aws_rolesanywhere_profile.this.arn')),
    },
  };
}

/** The evaluated tree with the role's policy decoded (jsonencode gives text) and the set's order fixed. */
function normalise(tree: Json): Json {
  const t = tree as { resource: Record<string, { this: Record<string, Json>[] }> };
  for (const role of t.resource['aws_iam_role']?.this ?? []) {
    role['assume_role_policy'] = JSON.parse(role['assume_role_policy'] as string) as Json;
  }
  for (const attachment of t.resource['aws_iam_role_policy_attachment']?.this ?? []) {
    attachment['for_each'] = [...(attachment['for_each'] as string[])].sort();
  }
  return tree;
}

describe('aws template --format terraform', () => {
  it.each(VARIANTS)('is in terraform fmt’s canonical form (%s)', (_name, make) => {
    const text = renderTemplate(make());
    expect(terraform(['fmt', '-'], { input: text })).toBe(text);
    expect(run('terraform', ['fmt', '-check', '-'], { input: text, env: TERRAFORM_ENV }).code).toBe(0);
  });

  it.each(VARIANTS)(
    'parses, and Terraform evaluates it to the resources aws setup creates (%s)',
    async (_n, make) => {
      const s = make();
      const tree = (await parse('main.tf', renderTemplate(s))) as Json;
      expect(normalise(await evaluate(tree))).toEqual(expectedTree(s, caPem));
    },
  );

  it('refers to the trust anchor it creates in the source-arn condition, and to nothing else', async () => {
    const tree = (await parse('main.tf', renderTemplate(spec()))) as {
      resource: { aws_iam_role: { this: { assume_role_policy: string }[] } };
    };
    const policy = tree.resource.aws_iam_role.this[0]?.assume_role_policy ?? '';
    const refs = await getReferencesInExpression('main.tf', policy);
    expect(refs.map((r) => r.value)).toEqual(['aws_rolesanywhere_trust_anchor.this.arn']);
  });

  it('keeps a PEM whose lines look like a template or the heredoc’s end as text', async () => {
    // Not a certificate a CA would have, but the heredoc must hold any text: `${`, `%{` and a line `EOT`.
    const pem = `${caPem.trim()}\n\${x} %{y} $\${z}\nEOT\n`;
    const s = spec({ caPem: pem });
    const text = renderTemplate(s);
    expect(terraform(['fmt', '-'], { input: text })).toBe(text);
    expect(normalise(await evaluate((await parse('main.tf', text)) as Json))).toEqual(expectedTree(s, pem));
  });

  it('uses the CA’s PEM with its line endings and blank lines normalised', async () => {
    const s = spec({ caPem: `\r\n  ${caPem.trim().split('\n').join('\r\n\r\n')}  \r\n` });
    const tree = await evaluate((await parse('main.tf', renderTemplate(s))) as Json);
    expect(normalise(tree)).toEqual(expectedTree(s, caPem));
  });
});

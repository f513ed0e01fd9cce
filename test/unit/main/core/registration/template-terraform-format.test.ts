/**
 * The Terraform template's shape, checked with no tool at all (template-terraform.test.ts has terraform and
 * HashiCorp's parser): the blocks and their labels, the argument names of the provider's documentation, the
 * layout `terraform fmt` writes (two-space indent, `=` aligned within a run of one-line attributes) and the
 * escaping of what the user controls.
 */
import { describe, expect, it } from 'vitest';
import { renderTemplate, type TemplateSpec } from '../../../../../main/core/registration/template';
import { PEM_SHAPED, templateSpec } from './template-fixtures';

const HOSTILE_CN = 'a"b\\c ${x}\n%{y}';

const spec = (overrides: Partial<TemplateSpec> = {}): TemplateSpec =>
  templateSpec('terraform', PEM_SHAPED, {
    commonName: HOSTILE_CN,
    policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::123456789012:policy/${deploy}'],
    durationSeconds: 900,
    ...overrides,
  });

interface Line {
  n: number;
  text: string;
  indent: number;
}

/** Strip quoted strings, so brackets and `=` inside them do not count. */
const code = (text: string): string => text.replace(/"(?:[^"\\]|\\.)*"/g, '""');
const net = (text: string): number =>
  [...code(text)].reduce((sum, ch) => sum + ('{[('.includes(ch) ? 1 : ')]}'.includes(ch) ? -1 : 0), 0);

interface Shape {
  /** Block path (`resource "aws_iam_role" "this"` › `source`…) → its attribute names, in order. */
  blocks: Map<string, string[]>;
  /** Runs of consecutive one-line attributes: the column of each one's `=`. */
  runs: { indent: number; keyWidths: number[]; equals: number[] }[];
  /** The lines outside heredoc content, with their bracket depth. */
  lines: (Line & { depth: number })[];
}

/**
 * A reading of the layout rules of hclwrite's formatter (format.go), independent of the template's writer: a
 * line leaving brackets open indents the lines after it one level (however many it opens) until they close; an
 * attribute line that leaves a bracket open is in no alignment run, and ends the run before it.
 */
function shape(text: string): Shape {
  const blocks = new Map<string, string[]>();
  const runs: Shape['runs'] = [];
  const lines: Shape['lines'] = [];
  const stack: string[] = []; // the blocks we are in
  const levels: number[] = []; // brackets each indenting line left open
  let valueDepth = 0; // brackets still open in a multi-line attribute value
  let run: Shape['runs'][number] | undefined;
  let heredoc: string | undefined;
  const addToRun = (indent: number, key: string, spaces: string): void => {
    if (!run || run.indent !== indent) {
      run = { indent, keyWidths: [], equals: [] };
      runs.push(run);
    }
    run.keyWidths.push(key.length);
    run.equals.push(indent + key.length + spaces.length); // the `=`'s 0-based column
  };
  const all = text.split('\n');
  expect(all.pop()).toBe(''); // ends in one newline
  all.forEach((raw, i) => {
    const trimmed = raw.trim();
    const line = { n: i + 1, text: raw, indent: raw.length - raw.trimStart().length };
    if (heredoc !== undefined) {
      // Content is the heredoc's own; its closing marker sits at the attribute's level.
      if (trimmed === heredoc) {
        heredoc = undefined;
        lines.push({ ...line, depth: levels.length });
      }
      return;
    }
    const change = net(trimmed);
    lines.push({ ...line, depth: /^[)\]}]/.test(trimmed) ? levels.length - 1 : levels.length });
    if (change > 0) levels.push(change);
    for (let close = -change; close > 0;) {
      const open = levels.pop() ?? 0;
      if (open > close) levels.push(open - close);
      close -= open;
    }
    const assignment = /^([A-Za-z_][\w-]*|"(?:[^"\\]|\\.)*")( *)= (.*)$/.exec(trimmed);
    const [, key = '', spaces = '', value = ''] = assignment ?? [];
    if (valueDepth > 0) {
      valueDepth += change;
      if (assignment && change === 0) addToRun(line.indent, key, spaces);
      else run = undefined;
      return;
    }
    if (assignment) {
      blocks.get(stack.join(' › '))?.push(key);
      heredoc = /<<-(\w+)$/.exec(value)?.[1];
      if (change > 0) {
        valueDepth = change;
        run = undefined;
      } else addToRun(line.indent, key, spaces);
      return;
    }
    run = undefined;
    const header = /^(\w+)((?: "[^"]*")*) \{$/.exec(trimmed);
    if (header) {
      stack.push(`${header[1]}${header[2]}`);
      blocks.set(stack.join(' › '), []);
    } else if (trimmed === '}') stack.pop();
  });
  expect(stack).toEqual([]);
  expect(levels).toEqual([]);
  return { blocks, runs, lines };
}

describe('aws template --format terraform: shape', () => {
  it('has the blocks, labels and argument names of the hashicorp/aws provider', () => {
    const { blocks } = shape(renderTemplate(spec()));
    expect(Object.fromEntries(blocks)).toEqual({
      terraform: [],
      'terraform › required_providers': ['aws'],
      'resource "aws_rolesanywhere_trust_anchor" "this"': ['name', 'enabled'],
      'resource "aws_rolesanywhere_trust_anchor" "this" › source': ['source_type'],
      'resource "aws_rolesanywhere_trust_anchor" "this" › source › source_data': ['x509_certificate_data'],
      'resource "aws_iam_role" "this"': ['name', 'assume_role_policy'],
      'resource "aws_iam_role_policy_attachment" "this"': ['for_each', 'role', 'policy_arn'],
      'resource "aws_rolesanywhere_profile" "this"': ['name', 'enabled', 'role_arns', 'duration_seconds'],
      'output "trust_anchor_arn"': ['description', 'value'],
      'output "profile_arn"': ['description', 'value'],
      'output "role_arn"': ['description', 'value'],
    });
  });

  it('leaves out the policy attachments when there is no policy', () => {
    const { blocks } = shape(renderTemplate(spec({ policyArns: [] })));
    expect([...blocks.keys()].filter((k) => k.includes('aws_iam_role_policy_attachment'))).toEqual([]);
  });

  it('indents two spaces a level, with no tab, carriage return or trailing space', () => {
    const text = renderTemplate(spec());
    expect(text).not.toMatch(/[\t\r]| $/m);
    const { lines } = shape(text);
    for (const line of lines)
      expect(line.indent, `line ${line.n}: ${line.text}`).toBe(line.text ? 2 * line.depth : 0);
  });

  it('aligns `=` one space after the longest name in each run of one-line attributes', () => {
    const { runs } = shape(renderTemplate(spec()));
    expect(runs.some((r) => r.keyWidths.length > 1)).toBe(true);
    for (const r of runs) {
      const column = r.indent + Math.max(...r.keyWidths) + 1;
      expect(r.equals).toEqual(r.equals.map(() => column));
    }
  });

  it('escapes what the user controls: `"`, `\\`, newlines, `${` and `%{` stay text', () => {
    const text = renderTemplate(spec());
    expect(text).toContain('"aws:PrincipalTag/x509Subject/CN" = "a\\"b\\\\c $${x}\\n%%{y}"');
    expect(text).toContain('"arn:aws:iam::123456789012:policy/$${deploy}"');
    // No interpolation or directive anywhere: references are bare expressions.
    expect(text.replace(/\$\$\{/g, '')).not.toContain('${');
    expect(text.replace(/%%\{/g, '')).not.toContain('%{');
  });

  it('refers to the trust anchor in the source-arn condition, and the role in the profile and attachments', () => {
    const text = renderTemplate(spec());
    expect(text).toContain('"aws:SourceArn" = aws_rolesanywhere_trust_anchor.this.arn');
    expect(text).toContain('role_arns        = [aws_iam_role.this.arn]');
    expect(text).toMatch(/role {7}= aws_iam_role\.this\.name\n {2}policy_arn = each\.value/);
  });
});

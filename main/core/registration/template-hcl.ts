/**
 * Just enough of an HCL writer for the Terraform template of `aws template` (issue 12 §5), writing what
 * `terraform fmt` writes (hclwrite's formatter): two spaces per level; within a run of consecutive one-line
 * attributes the `=` signs align one space after the longest name; an attribute whose value opens a bracket it
 * does not close on that line (`x = {`, `x = jsonencode({`) stands alone, outside any run; a heredoc counts as
 * one line. Strings are escaped per the HCL native syntax spec ("Template Expressions"): a user's `${` or `%{`
 * stays text, never an interpolation or a directive.
 */

/** An expression written as it is: only references and names of the writer's caller, never user text. */
export class HclExpression {
  constructor(readonly text: string) {}
}

/** A call of a Terraform function with one argument, e.g. `jsonencode({…})`, `toset([…])`. */
export class HclCall {
  constructor(
    readonly name: string,
    readonly argument: HclValue,
  ) {}
}

/** A `<<-` heredoc (an indented one): for multi-line text such as a PEM. */
export class HclHeredoc {
  constructor(readonly text: string) {}
}

export type HclValue =
  | string
  | number
  | boolean
  | HclExpression
  | HclCall
  | HclHeredoc
  | readonly HclValue[]
  | { readonly [key: string]: HclValue };

export type HclBodyItem =
  | { kind: 'attribute'; name: string; value: HclValue }
  | { kind: 'block'; type: string; labels: string[]; body: HclBodyItem[] }
  | { kind: 'blank' }
  | { kind: 'comment'; text: string };

export const attribute = (name: string, value: HclValue): HclBodyItem => ({ kind: 'attribute', name, value });
export const block = (type: string, labels: string[], body: HclBodyItem[]): HclBodyItem => ({
  kind: 'block',
  type,
  labels,
  body,
});
export const BLANK: HclBodyItem = { kind: 'blank' };
/** A `#` comment line: fixed text only (a newline in it would end the comment). */
export const comment = (text: string): HclBodyItem => ({ kind: 'comment', text });

const INDENT = '  ';
const pad = (level: number): string => INDENT.repeat(level);

/** An HCL identifier (HCL native syntax spec, "Identifiers", restricted to ASCII). */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Words an object key may not be bare: literals, and `for`, which would start a `for` expression. */
const RESERVED_KEYS = new Set(['true', 'false', 'null', 'for', 'in', 'if']);

/** Escape for a template's literal text: `${` and `%{` would start an interpolation or a directive. */
// (A function replacement: in a replacement string, `$$` would itself mean one `$`.)
const escapeTemplate = (text: string): string =>
  text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');

const ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
/** C0 controls and DEL: HCL has `\uNNNN` for them. */
const isControl = (code: number): boolean => code < 0x20 || code === 0x7f;

/** A quoted HCL string: `\`, `"` and control characters escaped, then the template sequences. */
function hclString(text: string): string {
  const escaped = Array.from(text, (ch) => {
    const code = ch.charCodeAt(0);
    return ESCAPES[ch] ?? (isControl(code) ? `\\u${code.toString(16).padStart(4, '0')}` : ch);
  }).join('');
  return `"${escapeTemplate(escaped)}"`;
}

const objectKey = (key: string): string =>
  IDENTIFIER.test(key) && !RESERVED_KEYS.has(key) ? key : hclString(key);

const isObject = (value: HclValue): value is { readonly [key: string]: HclValue } =>
  typeof value === 'object' &&
  !Array.isArray(value) &&
  !(value instanceof HclExpression || value instanceof HclCall || value instanceof HclHeredoc);

/**
 * A value as lines: the first continues the `name = ` line, the others are whole lines already indented for a
 * value whose attribute sits at `level`.
 */
function valueLines(value: HclValue, level: number): string[] {
  if (typeof value === 'string') return [hclString(value)];
  if (typeof value === 'boolean') return [String(value)];
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`HCL has no literal for ${String(value)}`);
    return [String(value)];
  }
  if (value instanceof HclExpression) return [value.text];
  if (value instanceof HclHeredoc) return heredocLines(value.text, level);
  if (value instanceof HclCall) {
    const inner = valueLines(value.argument, level);
    inner[0] = `${value.name}(${inner[0] ?? ''}`;
    inner[inner.length - 1] += ')';
    return inner;
  }
  if (Array.isArray(value)) return listLines(value, level);
  if (isObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return ['{}'];
    const items = entries.map(([key, item]) => ({ key: objectKey(key), value: item }));
    return ['{', ...bodyLines(items, level + 1), `${pad(level)}}`];
  }
  throw new Error('unsupported HCL value');
}

function listLines(values: readonly HclValue[], level: number): string[] {
  const items = values.map((item) => valueLines(item, level + 1));
  if (items.every((lines) => lines.length === 1)) return [`[${items.map((lines) => lines[0]).join(', ')}]`];
  const lines = ['['];
  for (const item of items) {
    lines.push(`${pad(level + 1)}${item[0] ?? ''}`, ...item.slice(1));
    lines[lines.length - 1] += ',';
  }
  lines.push(`${pad(level)}]`);
  return lines;
}

function heredocLines(text: string, level: number): string[] {
  const content = text.endsWith('\n') ? text.slice(0, -1) : text;
  const lines = content.split('\n');
  // The closing marker is a line holding only the delimiter: pick one no content line is.
  let delimiter = 'EOT';
  for (let n = 1; lines.some((line) => line.trim() === delimiter); n += 1) delimiter = `EOT${n}`;
  return [
    `<<-${delimiter}`,
    ...lines.map((line) => (line === '' ? '' : `${pad(level + 1)}${escapeTemplate(line)}`)),
    `${pad(level)}${delimiter}`,
  ];
}

/** Does the attribute line leave a bracket open (so terraform fmt leaves it out of the alignment run)? */
const opensBracket = (value: HclValue, lines: string[]): boolean =>
  lines.length > 1 && !(value instanceof HclHeredoc);

function bodyLines(items: { key: string; value: HclValue }[], level: number): string[] {
  const lines: string[] = [];
  let run: { key: string; lines: string[] }[] = [];
  const flush = (): void => {
    const width = Math.max(...run.map((a) => a.key.length));
    for (const a of run)
      lines.push(`${pad(level)}${a.key.padEnd(width)} = ${a.lines[0] ?? ''}`, ...a.lines.slice(1));
    run = [];
  };
  for (const { key, value } of items) {
    const valueText = valueLines(value, level);
    if (opensBracket(value, valueText)) {
      flush();
      lines.push(`${pad(level)}${key} = ${valueText[0] ?? ''}`, ...valueText.slice(1));
    } else {
      run.push({ key, lines: valueText });
    }
  }
  flush();
  return lines;
}

/** A body (a file's top level, or a block's inside) at `level`. */
function blockBodyLines(items: HclBodyItem[], level: number): string[] {
  const lines: string[] = [];
  let attributes: { key: string; value: HclValue }[] = [];
  const flush = (): void => {
    lines.push(...bodyLines(attributes, level));
    attributes = [];
  };
  for (const item of items) {
    if (item.kind === 'attribute') {
      attributes.push({ key: item.name, value: item.value });
      continue;
    }
    flush();
    if (item.kind === 'blank') lines.push('');
    else if (item.kind === 'comment') lines.push(`${pad(level)}# ${item.text}`);
    else {
      const header = [item.type, ...item.labels.map(hclString)].join(' ');
      lines.push(`${pad(level)}${header} {`, ...blockBodyLines(item.body, level + 1), `${pad(level)}}`);
    }
  }
  flush();
  return lines;
}

/** An HCL file: the items at the top level, ending in a newline. */
export function renderHcl(items: HclBodyItem[]): string {
  return `${blockBodyLines(items, 0).join('\n')}\n`;
}

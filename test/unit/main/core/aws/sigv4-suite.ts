import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Reader for the AWS SigV4 test suite (`../shared/conformance/sigv4`): each case directory holds NAME.req (the
 * raw HTTP request), NAME.creq, NAME.sts, NAME.authz (and NAME.sreq). Cases nest (normalize-path/, post-sts-token/).
 */

export const SIGV4_SUITE = resolve(process.cwd(), '../shared/conformance/sigv4');

/** The suite's fixed inputs (its README: AKIDEXAMPLE, 20150830T123600Z, us-east-1, service "service"). */
export const SUITE_CREDENTIALS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
export const SUITE_TIME = new Date(Date.UTC(2015, 7, 30, 12, 36, 0));
export const SUITE_REGION = 'us-east-1';
export const SUITE_SERVICE = 'service';

export interface ParsedRequest {
  method: string;
  /** The request target exactly as in the request line (may contain spaces and UTF-8). */
  target: string;
  /** Header name (first spelling seen) → values in order. */
  headers: Map<string, { name: string; values: string[] }>;
  body: string;
}

export interface SuiteCase {
  name: string;
  dir: string;
  req: string;
  creq: string;
  sts: string;
  authz: string;
}

/** Every case directory (one that holds NAME.req), depth first, sorted. */
export function listCases(root = SIGV4_SUITE): SuiteCase[] {
  const out: SuiteCase[] = [];
  for (const entry of readdirSync(root).sort()) {
    const dir = join(root, entry);
    if (!statSync(dir).isDirectory()) continue;
    const read = (ext: string): string => readFileSync(join(dir, `${entry}.${ext}`), 'utf8');
    if (readdirSync(dir).includes(`${entry}.req`)) {
      out.push({
        name: entry,
        dir,
        req: read('req'),
        creq: read('creq'),
        sts: read('sts'),
        authz: read('authz'),
      });
    } else {
      out.push(...listCases(dir));
    }
  }
  return out;
}

/**
 * Parse a raw .req. Header lines are `Name:value`; a line starting with whitespace continues the previous
 * header's value. The suite's expected canonical requests treat each continuation line and each repeated header
 * as a separate value of a comma-separated list (get-header-value-multiline → `value1,value2,value3`,
 * get-header-key-duplicate → `value2,value2,value1`), so that is how they are collected here.
 */
export function parseRequest(raw: string): ParsedRequest {
  const text = raw.replace(/\r\n/g, '\n');
  const blank = text.indexOf('\n\n');
  const head = blank < 0 ? text : text.slice(0, blank);
  const body = blank < 0 ? '' : text.slice(blank + 2);
  const [requestLine = '', ...lines] = head.split('\n');
  const firstSpace = requestLine.indexOf(' ');
  const lastSpace = requestLine.lastIndexOf(' ');
  if (firstSpace < 0 || lastSpace <= firstSpace || !requestLine.endsWith('HTTP/1.1')) {
    throw new Error(`bad request line: ${requestLine}`);
  }
  const headers: ParsedRequest['headers'] = new Map();
  let last: { name: string; values: string[] } | undefined;
  for (const line of lines) {
    if (/^[ \t]/.test(line)) {
      if (!last) throw new Error('continuation line without a header');
      last.values.push(line.trim());
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`bad header line: ${line}`);
    const name = line.slice(0, colon);
    const value = line.slice(colon + 1);
    const key = name.toLowerCase();
    const entry = headers.get(key) ?? { name, values: [] };
    entry.values.push(value.trim());
    headers.set(key, entry);
    last = entry;
  }
  return {
    method: requestLine.slice(0, firstSpace),
    target: requestLine.slice(firstSpace + 1, lastSpace),
    headers,
    body,
  };
}

/** The header fields in order, each value of a repeated or continued header as its own field. */
export function headersOf(request: ParsedRequest): [string, string][] {
  return [...request.headers.values()].flatMap(({ name, values }) =>
    values.map((value): [string, string] => [name, value]),
  );
}

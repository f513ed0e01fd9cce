/**
 * The AWS query protocol (STS, IAM): parameters come form-encoded in the body of a POST (or in the query
 * string), `Action` and `Version` name the operation, and the answer is `<ActionResponse xmlns=…>` with an
 * `<ActionResult>` and `<ResponseMetadata><RequestId>`.
 */
import { headerMap, parseQuery, type WireRequest } from '../canonical';
import { xmlEscape } from './answer';

/** A result tree: objects become elements in key order, arrays `<member>` items, Dates ISO 8601. */
export type XmlValue =
  string | number | boolean | Date | XmlValue[] | { [name: string]: XmlValue | undefined };

/** The request's parameters: the query string's, then a form body's (application/x-www-form-urlencoded: `+` is a space). */
export function queryParams(req: WireRequest): Map<string, string> {
  const params = new Map(parseQuery(req.query));
  const contentType = headerMap(req.headers).get('content-type')?.[0] ?? '';
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of parseQuery(req.body.toString().replace(/\+/g, '%20'))) params.set(k, v);
  }
  return params;
}

/** Second-precision ISO 8601, as the query services write timestamps. */
function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function xmlOf(value: XmlValue, indent: string): string {
  if (value instanceof Date) return isoSeconds(value);
  if (typeof value !== 'object') return xmlEscape(String(value));
  const inner = `${indent}  `;
  const items = Array.isArray(value)
    ? value.map((v) => `${inner}<member>${xmlOf(v, inner)}</member>`)
    : Object.entries(value)
        .filter((e): e is [string, XmlValue] => e[1] !== undefined)
        .map(([k, v]) => `${inner}<${k}>${xmlOf(v, inner)}</${k}>`);
  return items.length ? `\n${items.join('\n')}\n${indent}` : '';
}

/** `<{action}Response xmlns>[<{action}Result>…</{action}Result>]<ResponseMetadata>…</…>`. */
export function queryResponseXml(
  xmlns: string,
  action: string,
  result: XmlValue | undefined,
  requestId: string,
): string {
  const body = result === undefined ? '' : `  <${action}Result>${xmlOf(result, '  ')}</${action}Result>\n`;
  return (
    `<${action}Response xmlns="${xmlns}">\n${body}` +
    `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n</${action}Response>\n`
  );
}

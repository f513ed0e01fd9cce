/**
 * An HTTP answer as the service handlers build it, and the two error renderings they share: the query
 * protocol's XML ErrorResponse (STS, IAM) and the REST-JSON error (Roles Anywhere).
 */
import type { Rejection } from '../rejection';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Roles Anywhere's error namespace: restJson1's X-Amzn-ErrorType carries it after a ':', as AWS sends it. */
const ROLES_ANYWHERE_NS = 'http://internal.amazon.com/coral/com.amazonaws.rolesanywhere/';

export function xmlEscape(s: string): string {
  return s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c,
  );
}

/** `<ErrorResponse xmlns=NS><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`. */
export function queryErrorAnswer(xmlns: string, r: Rejection, requestId: string): HttpAnswer {
  const type = r.status >= 500 ? 'Receiver' : 'Sender';
  const body =
    `<ErrorResponse xmlns="${xmlns}">\n  <Error>\n    <Type>${type}</Type>\n    <Code>${xmlEscape(r.errorType)}</Code>\n` +
    `    <Message>${xmlEscape(r.message)}</Message>\n  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`;
  return { status: r.status, headers: { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId }, body };
}

/** restJson1 error: the type in X-Amzn-ErrorType (with a suffix clients must strip), `{message}` in the body. */
export function restJsonErrorAnswer(r: Rejection, requestId: string): HttpAnswer {
  return {
    status: r.status,
    headers: {
      'Content-Type': 'application/json',
      'X-Amzn-ErrorType': `${r.errorType}:${ROLES_ANYWHERE_NS}`,
      'x-amzn-RequestId': requestId,
    },
    body: JSON.stringify({ message: r.message }),
  };
}

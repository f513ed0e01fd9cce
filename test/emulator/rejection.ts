/**
 * A request the emulator refuses. It carries what AWS would answer: the HTTP status, the error type
 * (`X-Amzn-ErrorType` for Roles Anywhere, `<Code>` for STS) and the message.
 */
export class Rejection extends Error {
  readonly status: number;
  readonly errorType: string;

  constructor(status: number, errorType: string, message: string) {
    super(message);
    this.name = 'Rejection';
    this.status = status;
    this.errorType = errorType;
  }
}

/** 403 AccessDeniedException, Roles Anywhere's answer to every authentication failure. */
export function accessDenied(message: string): Rejection {
  return new Rejection(403, 'AccessDeniedException', message);
}

/** 400 ValidationException. */
export function validation(message: string): Rejection {
  return new Rejection(400, 'ValidationException', message);
}

/** 404 ResourceNotFoundException. */
export function notFound(message: string): Rejection {
  return new Rejection(404, 'ResourceNotFoundException', message);
}

/** A REST-JSON request body: `{}` when empty, else its JSON, or the ValidationException AWS answers. */
export function jsonBody(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw validation('The request body is not valid JSON.');
  }
}

import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../store/atomic-file';

/** A fresh bearer token: 256 random bits, base64url (a legal header value, as the SDKs check). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Whether `given` is `expected`, in time that does not depend on where they differ or on their lengths
 * (both are hashed to 32 bytes first, then compared with `timingSafeEqual`).
 */
export function sameToken(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * The token files of one server, `<root>/<port>/<profile>.token`: the directory 0700 and each file 0600, the
 * token with no line break (botocore sends the file's content as it is). The path is stable for a port, so a
 * shell profile can name it once; each run writes a fresh token into it and removes the files when it stops.
 */
export class TokenFiles {
  private readonly dir: string;

  constructor(root: string, port: number) {
    this.dir = join(root, String(port));
  }

  /**
   * Start clean: whatever a crashed server on this port left here is stale, and only the process that holds
   * the port writes into its directory.
   */
  async open(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    if (process.platform !== 'win32') await chmod(this.dir, 0o700);
  }

  /** Write a profile's token; returns the file's path. */
  async write(profile: string, token: string): Promise<string> {
    const path = join(this.dir, `${profile}.token`);
    await writeFileAtomic(path, token, 0o600);
    return path;
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

/**
 * IMDSv2 session tokens (PUT /latest/api/token): `<expiry>.<nonce>.<mac>`, an HMAC under a key of this run, so
 * nothing is stored per token (a flood of PUTs costs no memory) and a restart invalidates them all.
 */
export class ImdsTokens {
  private readonly key = randomBytes(32);

  constructor(private readonly now: () => Date) {}

  issue(ttlSeconds: number): string {
    const body = `${Math.floor(this.now().getTime() / 1000) + ttlSeconds}.${randomBytes(16).toString('base64url')}`;
    return `${body}.${this.mac(body)}`;
  }

  valid(token: string | undefined): boolean {
    if (token === undefined) return false;
    const cut = token.lastIndexOf('.');
    if (cut < 0) return false;
    const body = token.slice(0, cut);
    if (!sameToken(token.slice(cut + 1), this.mac(body))) return false;
    return Number(body.slice(0, body.indexOf('.'))) * 1000 > this.now().getTime();
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

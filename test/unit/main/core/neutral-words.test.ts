// Core states facts in neutral words (ARCHITECTURE §9, issue 8): real failures, made in process, carry no CLI
// flag or command in message or hint, and carry the facts each edge needs to word its own advice.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHint } from '../../../../main/cli/error-words';
import type { CoreApi } from '../../../../main/core/api';
import { createCore } from '../../../../main/core/services';
import { appHint } from '../../../../renderer/error-words';
import { AnchorageError } from '../../../../shared/errors';
import type { ErrorInfo } from '../../../../shared/errors';
import { CLI_WORDS } from '../../shared/error-facts';

const ARNS = {
  trustAnchorArn:
    'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  profileArn: 'arn:aws:rolesanywhere:us-east-1:123456789012:profile/bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
  roleArn: 'arn:aws:iam::123456789012:role/Agent',
};
const SUBJECT = { commonName: 'neutral' };

let dataDir: string;
let core: CoreApi;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'anchorage-neutral-'));
  core = await createCore({
    dataDir,
    env: { ANCHORAGE_VAULT: 'file', ANCHORAGE_VAULT_PASSPHRASE: 'neutral-words-test' },
  });
  await core.createCa({ name: 'root', subject: { commonName: 'root' }, keyType: 'ec-p256', days: 30 });
  await issueClient('leaf');
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** A 7-day client certificate `name` from the CA `root`. */
function issueClient(name: string) {
  return core.issueCert({ ca: 'root', name, subject: { commonName: name }, keyType: 'ec-p256', days: 7 });
}

async function failure(run: () => Promise<unknown>): Promise<ErrorInfo> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AnchorageError);
  return (error as AnchorageError).toInfo();
}

/** Neutral in core, in CLI words at the CLI edge, in app words at the app edge. */
function expectNeutral(info: ErrorInfo, cliWords: RegExp): void {
  expect(`${info.message} ${info.hint}`).not.toMatch(CLI_WORDS);
  expect(info.hint).not.toBe('');
  expect(cliHint(info)).toMatch(cliWords);
  expect(`${info.message} ${appHint(info)}`).not.toMatch(CLI_WORDS);
}

describe('core failures in neutral words', () => {
  it('a duplicate name', async () => {
    const info = await failure(() =>
      core.createCa({ name: 'root', subject: SUBJECT, keyType: 'ec-p256', days: 30 }),
    );
    expect(info).toMatchObject({
      code: 'ALREADY_EXISTS',
      facts: { field: 'name', reason: 'taken', name: 'root' },
    });
    expectNeutral(info, /--name/);
  });

  it('an unknown CA', async () => {
    const info = await failure(() =>
      core.issueCert({ ca: 'no-such-ca', subject: SUBJECT, keyType: 'ec-p256', days: 7 }),
    );
    expect(info).toMatchObject({ code: 'NOT_FOUND', facts: { what: 'ca', name: 'no-such-ca' } });
    expectNeutral(info, /`anchorage ca create/);
  });

  it('a validity beyond the CA’s', async () => {
    const info = await failure(() =>
      core.issueCert({ ca: 'root', subject: { commonName: 'long' }, keyType: 'ec-p256', days: 400 }),
    );
    expect(info).toMatchObject({ code: 'VALIDITY_EXCEEDS_ISSUER', facts: { field: 'days' } });
    expect(info.facts?.maxDays).toBeGreaterThanOrEqual(29);
    expectNeutral(info, /--days \d+ or fewer/);
  });

  it('a bad session duration', async () => {
    const info = await failure(() =>
      core.addProfile({ name: 'p', certificate: 'leaf', ...ARNS, durationSeconds: 60 }),
    );
    expect(info).toMatchObject({ code: 'INVALID_DURATION', facts: { min: 900, max: 43200 } });
    expectNeutral(info, /--duration/);
  });

  it('a plain-http endpoint that is not loopback', async () => {
    const info = await failure(() =>
      core.addProfile({ name: 'p', certificate: 'leaf', ...ARNS, endpoint: 'http://example.com' }),
    );
    expect(info).toMatchObject({ code: 'INVALID_INPUT', facts: { field: 'endpoint', reason: 'not-https' } });
    expectNeutral(info, /--endpoint/);
  });

  it('an unknown profile', async () => {
    const info = await failure(() => core.getProfile('nope'));
    expect(info).toMatchObject({ code: 'NOT_FOUND', facts: { what: 'profile', name: 'nope' } });
    expectNeutral(info, /`anchorage profile list`/);
  });

  it('an export without a password, and one too short', async () => {
    const none = await failure(() => core.exportCertificate({ ref: 'leaf', format: 'pfx' }));
    expect(none).toMatchObject({ code: 'INVALID_PASSWORD', facts: { reason: 'required' } });
    expectNeutral(none, /--password-stdin/);
    const short = await failure(() =>
      core.exportCertificate({ ref: 'leaf', format: 'pfx', password: 'short' }),
    );
    expect(short).toMatchObject({ code: 'INVALID_PASSWORD', facts: { reason: 'too-short', min: 8 } });
    expectNeutral(short, /--generate-password/);
  });

  it('a setting out of its range', async () => {
    const info = await failure(() => core.updateSettings({ clipboardClearSeconds: 1 }));
    expect(info).toMatchObject({
      code: 'INVALID_INPUT',
      facts: { field: 'clipboardClearSeconds', min: 5, max: 600 },
    });
    expectNeutral(info, /--clipboard-clear/);
    await expect(core.updateSettings({ clipboardClearSeconds: 60 })).resolves.toMatchObject({
      clipboardClearSeconds: 60,
    });
  });

  it('a revoked certificate', async () => {
    await issueClient('gone');
    await core.addProfile({ name: 'revoked', certificate: 'gone', ...ARNS, endpoint: 'http://127.0.0.1:9' });
    await core.revokeCertificate('gone');
    const info = await failure(() => core.session('revoked'));
    expect(info).toMatchObject({ code: 'REVOKED', facts: { name: 'gone', profile: 'revoked' } });
    expectNeutral(info, /`anchorage profile set revoked --cert NEW`/);
  });
});

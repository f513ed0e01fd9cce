import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL_IDS, ipcChannel } from '../../../shared/domain/channels';
import { AnchorageError } from '../../../shared/errors';
import type { CoreApi, SignPreview } from '../../../main/core/api';
import { UNTRUSTED_SENDER, bindIpc, createRegistry, maskPreview } from '../../../main/ipc';
import type { DesktopNotice, Platform } from '../../../main/ipc';

/**
 * The registry's own rules (validation, Result mapping, response filtering, the sender check) with a core whose
 * answers the test sets. The registry against the real core is covered by the bridge tests and the e2e suite.
 */
function recordingCore(answers: Partial<Record<keyof CoreApi, (...args: unknown[]) => unknown>> = {}) {
  const calls: Array<[string, unknown[]]> = [];
  const core = new Proxy({} as CoreApi, {
    get:
      (_t, name: string) =>
      (...args: unknown[]) => {
        calls.push([name, args]);
        const answer = answers[name as keyof CoreApi];
        if (!answer) throw new Error(`core.${name} was not expected`);
        return answer(...args);
      },
  });
  return { core, calls };
}

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function memoryPlatform(
  saveDir?: string,
): Platform & { text: () => string; notices: DesktopNotice[]; opened: string[] } {
  let text = '';
  const notices: DesktopNotice[] = [];
  const opened: string[] = [];
  return {
    clipboard: { writeText: (t) => (text = t), readText: () => text, clear: () => (text = '') },
    chooseSavePath: async (name) => (saveDir ? join(saveDir, name) : undefined),
    cliCommand: () => ['/usr/local/bin/anchorage'],
    notify: (notice) => notices.push(notice),
    openExternal: (url) => opened.push(url),
    text: () => text,
    notices,
    opened,
  };
}

const settings = { clipboardClearSeconds: 30, refreshMarginSeconds: 300, defaultKeyType: 'ec-p256' };

describe('ipc registry', () => {
  it('has a handler for every contract channel, and only those', () => {
    const { handlers } = createRegistry(recordingCore().core, memoryPlatform());
    expect(Object.keys(handlers).sort()).toEqual([...CHANNEL_IDS].sort());
  });

  it('answers a malformed payload on every channel with INVALID_INPUT, without calling core', async () => {
    const { core, calls } = recordingCore();
    const { handlers } = createRegistry(core, memoryPlatform());
    for (const channel of CHANNEL_IDS) {
      for (const payload of [42, 'x', [1], { unexpected: true, ref: 7 }]) {
        const result = await handlers[channel](payload);
        expect(result.ok, `${channel} ${JSON.stringify(payload)}`).toBe(false);
        if (!result.ok) expect(result.error.code).toBe('INVALID_INPUT');
      }
    }
    expect(calls).toEqual([]);
  });

  it('rejects unknown fields instead of silently dropping them, and never echoes values', async () => {
    const { core, calls } = recordingCore();
    const { handlers } = createRegistry(core, memoryPlatform());
    const result = await handlers['static.add']({
      name: 'demo',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG',
      extra: 1,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(result.error.message).not.toContain('wJalrXUtnFEMI');
    }
    const bad = await handlers['cert.export']({
      ref: 'x',
      format: 'pfx',
      password: { kind: 'typed', value: 7 },
    });
    expect(!bad.ok && bad.error.message).toMatch(/password/);
    expect(calls).toEqual([]);
  });

  it('turns AnchorageError into its code, message and hint, and any other throw into INTERNAL', async () => {
    const { core } = recordingCore({
      getCertificate: () => {
        throw new AnchorageError('NOT_FOUND', 'No certificate "nope".', 'List them with cert list.');
      },
      listCertificates: () => Promise.reject(new TypeError('boom')),
    });
    const { handlers } = createRegistry(core, memoryPlatform());
    expect(await handlers['cert.get']({ ref: 'nope' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No certificate "nope".', hint: 'List them with cert list.' },
    });
    const internal = await handlers['cert.list'](undefined);
    expect(!internal.ok && internal.error.code).toBe('INTERNAL');
  });

  it('strips fields the contract does not name, so a secret added to a core type cannot leak', async () => {
    const { core } = recordingCore({
      getSettings: () => settings,
      maskedSession: () => ({
        profile: 'dev',
        accessKeyId: 'ASIAEXAMPLE',
        secretAccessKeyMasked: 'wJal…EKEY',
        sessionTokenMasked: 'IQoJ…abcd',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLETOKENabcd',
        expiration: '2030-01-01T00:00:00Z',
        fromCache: false,
        roleArn: 'arn:aws:iam::123456789012:role/Dev',
      }),
    });
    const { handlers } = createRegistry(core, memoryPlatform());
    const result = await handlers['session.get']({ profile: 'dev' });
    expect(result.ok).toBe(true);
    const text = JSON.stringify(result);
    expect(text).not.toContain('wJalrXUtnFEMI');
    expect(text).not.toContain('IQoJb3JpZ2luX2VjEXAMPLETOKEN');
  });

  it('session.copy puts the formatted credentials on the clipboard and returns only when it clears', async () => {
    const secret = 'export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI';
    const { core, calls } = recordingCore({ getSettings: () => settings, formatSession: () => secret });
    const platform = memoryPlatform();
    const registry = createRegistry(core, platform);
    const result = await registry.handlers['session.copy']({ profile: 'dev', format: 'env' });
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result)).not.toContain('wJalrXUtnFEMI');
    expect(platform.text()).toBe(secret);
    expect(calls.find(([n]) => n === 'formatSession')?.[1].slice(0, 2)).toEqual(['dev', 'env']);
    if (result.ok) expect(Date.parse(result.value.clearsAt) - Date.now()).toBeGreaterThan(25_000);
    await registry.handlers['clipboard.clear'](undefined);
    expect(platform.text()).toBe('');
    registry.dispose();
  });

  it('cert.export with a generated password: file 0600, password on the clipboard, never in the answer', async () => {
    const saveDir = mkdtempSync(join(tmpdir(), 'anchorage-ipc-'));
    dirs.push(saveDir);
    const generated = 'Gen3rated-Passw0rd-XYZ';
    const { core, calls } = recordingCore({
      getSettings: () => settings,
      generatePassword: () => generated,
      exportCertificate: () => ({
        bytes: new Uint8Array([1, 2, 3]),
        suggestedFileName: 'client.pfx',
        description: 'PFX',
      }),
      inspectBytes: () => ({ type: 'pfx', subject: 'CN=client', keyType: 'ec-p256' }),
    });
    const platform = memoryPlatform(saveDir);
    const registry = createRegistry(core, platform);
    const result = await registry.handlers['cert.export']({
      ref: 'client',
      format: 'pfx',
      pfxProfile: 'legacy',
      password: { kind: 'generated' },
    });
    expect(result).toMatchObject({
      ok: true,
      value: { path: join(saveDir, 'client.pfx'), passwordCopied: true },
    });
    expect(JSON.stringify(result)).not.toContain(generated);
    expect(platform.text()).toBe(generated);
    expect(statSync(join(saveDir, 'client.pfx')).mode & 0o777).toBe(0o600);
    expect([...readFileSync(join(saveDir, 'client.pfx'))]).toEqual([1, 2, 3]);
    // Read back from disk and opened with the same password.
    expect(calls.find(([n]) => n === 'inspectBytes')?.[1][1]).toBe(generated);
    registry.dispose();
  });

  it('cert.export: a cancelled dialog writes nothing and copies nothing; a PFX without password is refused', async () => {
    const { core } = recordingCore({
      getSettings: () => settings,
      generatePassword: () => 'pw',
      exportCertificate: () => ({
        bytes: new Uint8Array([1]),
        suggestedFileName: 'c.pfx',
        description: 'PFX',
      }),
    });
    const platform = memoryPlatform(undefined);
    const { handlers } = createRegistry(core, platform);
    expect(
      await handlers['cert.export']({ ref: 'c', format: 'pfx', password: { kind: 'generated' } }),
    ).toMatchObject({
      ok: true,
      value: { path: null, passwordCopied: false },
    });
    expect(platform.text()).toBe('');
    const refused = await handlers['cert.export']({ ref: 'c', format: 'pfx' });
    expect(!refused.ok && refused.error.code).toBe('INVALID_INPUT');
  });

  it('sign.preview masks the session token everywhere; sign.copy copies the unmasked field', async () => {
    const token = 'IQoJb3JpZ2luX2VjEXAMPLETOKEN0123456789';
    const preview: SignPreview = {
      canonicalRequest: `GET\n/\n\nhost:s3.amazonaws.com\nx-amz-security-token:${token}\n`,
      stringToSign: 'AWS4-HMAC-SHA256\n...',
      signature: 'abc',
      signedHeaders: 'host;x-amz-security-token',
      authorization: 'AWS4-HMAC-SHA256 Credential=ASIA/...',
      headers: { host: 's3.amazonaws.com', 'X-Amz-Security-Token': token },
      url: 'https://s3.amazonaws.com/',
      notes: [],
      curl: `curl -H @headers.txt https://s3.amazonaws.com/`,
      curlHeaders: `X-Amz-Security-Token: ${token}\n`,
    };
    const { core } = recordingCore({ getSettings: () => settings, sign: () => preview });
    const platform = memoryPlatform();
    const { handlers } = createRegistry(core, platform);
    const result = await handlers['sign.preview']({
      method: 'GET',
      url: 'https://s3.amazonaws.com/',
      headers: [],
      service: 's3',
      region: 'us-east-1',
      source: { kind: 'profile', name: 'dev' },
    });
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result)).not.toContain(token);
    if (!result.ok) return;
    expect(result.value.curlHeaders).toContain('IQoJ…6789');
    await handlers['sign.copy']({ previewId: result.value.previewId, field: 'curlHeaders' });
    expect(platform.text()).toBe(preview.curlHeaders);
    const gone = await handlers['sign.copy']({ previewId: 'unknown', field: 'curl' });
    expect(!gone.ok && gone.error.code).toBe('NOT_FOUND');
    expect(maskPreview({ ...preview, headers: { host: 'x' } }).curl).toBe(preview.curl);
  });
});

describe('ipc registry: issue 10', () => {
  /** What zod says in its own words; none of it may reach the screen. */
  const ZOD_TEXT = /too small|too big|invalid input|expected|received|unrecognized key|>=|<=/i;

  it('a schema failure names the field in facts and never carries zod text, on every channel', async () => {
    const { core } = recordingCore();
    const { handlers } = createRegistry(core, memoryPlatform());
    for (const channel of CHANNEL_IDS) {
      for (const payload of [42, { unexpected: true }, { name: '', region: '' }]) {
        const result = await handlers[channel](payload);
        if (result.ok) continue; // a channel without input accepts nothing else, tested above
        expect(result.error.message, channel).not.toMatch(ZOD_TEXT);
        expect(result.error.hint, channel).not.toMatch(ZOD_TEXT);
        expect(result.error.facts?.field, channel).toEqual(expect.any(String));
      }
    }
  });

  it('an empty region in profile.add is reported as a required region field', async () => {
    const { core } = recordingCore();
    const { handlers } = createRegistry(core, memoryPlatform());
    const result = await handlers['profile.add']({
      name: 'dev',
      certificate: 'c',
      trustAnchorArn: 'a',
      profileArn: 'p',
      roleArn: 'r',
      region: '',
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'Some of what was sent is not valid: region.',
        hint: 'Check the highlighted fields and try again.',
        facts: { field: 'region', reason: 'required', channel: 'profile.add' },
      },
    });
  });

  it('profile.add passes replace to core as an option, never as a profile field', async () => {
    const { core, calls } = recordingCore({
      addProfile: (input) => ({ ...(input as object), createdAt: 'x' }),
    });
    const { handlers } = createRegistry(core, memoryPlatform());
    const request = {
      name: 'dev',
      certificate: 'c',
      trustAnchorArn: 'a',
      profileArn: 'p',
      roleArn: 'r',
    };
    await handlers['profile.add']({ ...request, replace: true });
    await handlers['profile.add'](request);
    expect(calls).toEqual([
      ['addProfile', [request, { replace: true }]],
      ['addProfile', [request, {}]],
    ]);
  });

  it('app.openExternal opens only allow-listed https URLs, through the platform', async () => {
    const platform = memoryPlatform();
    const { handlers } = createRegistry(recordingCore().core, platform);
    const console = 'https://eu-west-1.console.aws.amazon.com/rolesanywhere/home?region=eu-west-1';
    expect(await handlers['app.openExternal']({ url: console })).toEqual({ ok: true, value: null });
    for (const url of ['http://console.aws.amazon.com/', 'https://evil.example/', 'file:///etc/passwd']) {
      const refused = await handlers['app.openExternal']({ url });
      expect(refused.ok, url).toBe(false);
      if (!refused.ok) expect(refused.error.facts).toEqual({ field: 'url', reason: 'not-allowed' });
    }
    expect(platform.opened).toEqual([console]);
  });

  it('a failed automatic refresh raises one desktop notice; a failed manual one raises none', async () => {
    const { core } = recordingCore({
      getSettings: () => settings,
      maskedSession: () =>
        Promise.reject(new AnchorageError('AWS_SERVER_ERROR', 'AWS answered 503.', 'Try again later.')),
    });
    const platform = memoryPlatform();
    const { handlers } = createRegistry(core, platform);
    const manual = await handlers['session.get']({ profile: 'dev', noCache: true });
    expect(!manual.ok && manual.error.code).toBe('AWS_SERVER_ERROR');
    expect(platform.notices).toEqual([]);
    const auto = await handlers['session.get']({ profile: 'dev', noCache: true, auto: true });
    expect(!auto.ok && auto.error.code).toBe('AWS_SERVER_ERROR');
    expect(platform.notices).toEqual([
      {
        title: 'Credentials for “dev” were not refreshed',
        body: 'AWS answered 503. Open Anchorage to retry.',
      },
    ]);
  });

  it('wizard progress and the lifecycle verbs go to core with their arguments', async () => {
    const summary = { id: 'i', name: 'n' };
    const { core, calls } = recordingCore({
      wizardProgress: () => ({ step: 'register', caId: 'ca1' }),
      saveWizardProgress: (p) => p,
      renameCertificate: () => ({ previousName: 'a', certificate: summary }),
      renewCa: () => ({ ca: summary, previousPem: 'P', bundlePem: 'B' }),
      deleteCertificate: () => ({
        deleted: { id: 'i', name: 'n', kind: 'client' },
        keyDeleted: true,
        orphaned: [],
        sessionsCleared: [],
      }),
      setProfile: (name) => ({ name }),
    });
    const { handlers } = createRegistry(core, memoryPlatform());
    expect(await handlers['wizard.get'](undefined)).toEqual({
      ok: true,
      value: { step: 'register', caId: 'ca1' },
    });
    expect((await handlers['wizard.set']({ step: 'nowhere' })).ok).toBe(false);
    await handlers['wizard.set']({ step: 'arns', trustAnchorArn: 'arn:x', region: 'eu-west-1' });
    await handlers['cert.rename']({ ref: 'a', name: 'b' });
    await handlers['cert.delete']({ ref: 'a', force: true });
    await handlers['profile.set']({ name: 'dev', patch: { endpoint: '', durationSeconds: 900 } });
    await handlers['ca.renew']({ ref: 'ca', days: 30 });
    expect(calls.map(([name, args]) => [name, args])).toEqual([
      ['wizardProgress', []],
      ['saveWizardProgress', [{ step: 'arns', trustAnchorArn: 'arn:x', region: 'eu-west-1' }]],
      ['renameCertificate', ['a', 'b']],
      ['deleteCertificate', ['a', { force: true }]],
      ['setProfile', ['dev', { endpoint: '', durationSeconds: 900 }]],
      ['renewCa', ['ca', { days: 30 }]],
    ]);
  });
});

describe('bindIpc', () => {
  it('registers one handler per channel and rejects an untrusted sender without calling the handler', async () => {
    const registered = new Map<string, (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>>();
    const ipcMain = {
      handle: (channel: string, fn: (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>) =>
        registered.set(channel, fn),
      removeHandler: (channel: string) => registered.delete(channel),
    };
    const { core, calls } = recordingCore({ listCertificates: () => [] });
    const { handlers } = createRegistry(core, memoryPlatform());
    let trusted = false;
    const unbind = bindIpc(ipcMain as never, handlers, () => trusted);
    expect([...registered.keys()].sort()).toEqual(CHANNEL_IDS.map((c) => ipcChannel(c)).sort());

    const list = registered.get('anchorage:cert.list')!;
    expect(await list({} as IpcMainInvokeEvent, undefined)).toEqual({ ok: false, error: UNTRUSTED_SENDER });
    expect(calls).toEqual([]);
    trusted = true;
    expect(await list({} as IpcMainInvokeEvent, undefined)).toEqual({ ok: true, value: [] });

    unbind();
    expect(registered.size).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CONTENT_SECURITY_POLICY, channels } from '../../../shared/schemas/contract';
import { CHANNEL_IDS, ipcChannel, methodName } from '../../../shared/domain/channels';

describe('IPC contract', () => {
  it('names every channel <group>.<action> with a request and a response schema', () => {
    expect(CHANNEL_IDS.length).toBeGreaterThan(20);
    for (const id of CHANNEL_IDS) {
      expect(id).toMatch(/^[a-z]+\.[a-z][A-Za-z]*$/);
      expect(channels[id].request).toBeInstanceOf(z.ZodType);
      expect(channels[id].response).toBeInstanceOf(z.ZodType);
      expect(ipcChannel(id)).toBe(`anchorage:${id}`);
    }
  });

  it('derives distinct camelCase method names, one per channel of the table', () => {
    expect(methodName('ca.create')).toBe('caCreate');
    expect(methodName('file.saveText')).toBe('fileSaveText');
    const names = CHANNEL_IDS.map((c) => methodName(c));
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(channels)).toEqual([...CHANNEL_IDS]);
  });

  it('has every channel the issue asks for', () => {
    for (const id of [
      'vault.status',
      'settings.get',
      'settings.update',
      'ca.create',
      'ca.crl',
      'cert.issue',
      'cert.import',
      'cert.list',
      'cert.get',
      'cert.pem',
      'cert.inspect',
      'cert.revoke',
      'cert.export',
      'file.saveText',
      'profile.add',
      'profile.list',
      'profile.get',
      'profile.remove',
      'static.add',
      'static.list',
      'static.remove',
      'session.get',
      'session.copy',
      'session.whoami',
      'aws.configure',
      'sign.preview',
      'sign.copy',
      'clipboard.clear',
      // issue 10
      'wizard.get',
      'wizard.set',
      'cert.rename',
      'cert.renew',
      'ca.renew',
      'cert.delete',
      'profile.set',
      'app.openExternal',
    ]) {
      expect(CHANNEL_IDS).toContain(id);
    }
  });

  it('no response schema has a field that could carry a secret', () => {
    const forbidden = /password|secretaccesskey$|sessiontoken$|privatekey|^key$|pem$/i;
    const allowed = new Set([
      'secretAccessKeyMasked',
      'sessionTokenMasked',
      'passwordCopied',
      'hasPrivateKey',
      // ca.renew: the new and the old CA certificate (public), the trust anchor's next source.
      'bundlePem',
    ]);
    const walk = (schema: z.ZodType, path: string, out: string[]): void => {
      const def = (
        schema as unknown as {
          def: {
            type: string;
            shape?: Record<string, z.ZodType>;
            element?: z.ZodType;
            innerType?: z.ZodType;
            options?: z.ZodType[];
          };
        }
      ).def;
      if (def.type === 'object' && def.shape) {
        for (const [key, child] of Object.entries(def.shape)) {
          if (forbidden.test(key) && !allowed.has(key)) out.push(`${path}.${key}`);
          walk(child, `${path}.${key}`, out);
        }
      } else if (def.element) walk(def.element, `${path}[]`, out);
      else if (def.innerType) walk(def.innerType, path, out);
      else if (def.options) def.options.forEach((o) => walk(o, path, out));
    };
    const offenders: string[] = [];
    for (const id of CHANNEL_IDS) {
      // cert.pem returns a public certificate, which is the point of the channel.
      if (id === 'cert.pem') continue;
      walk(channels[id].response, id, offenders);
    }
    expect(offenders).toEqual([]);
  });

  it('has the CSP of ARCHITECTURE §3', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v]),
    );
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*|http:|https:/);
  });
});

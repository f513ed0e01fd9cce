import { createRequire } from 'node:module';
import type * as Keyring from '@napi-rs/keyring';
import { describe, expect, it } from 'vitest';
import { loadKeyring } from '../../../../../main/core/vault/keyring-addon';

const realRequire = createRequire(import.meta.url);

/** Node's require, recording what it was asked for. */
function recordingRequire(): { require: NodeJS.Require; asked: string[] } {
  const asked: string[] = [];
  const require = ((id: string) => {
    asked.push(id);
    return realRequire(id);
  }) as NodeJS.Require;
  return { require, asked };
}

describe('loadKeyring', () => {
  it("loads the same native module as @napi-rs/keyring's own loader", () => {
    const viaPackage = realRequire('@napi-rs/keyring') as typeof Keyring;
    const { require, asked } = recordingRequire();
    const keyring = loadKeyring(require);
    expect(keyring.AsyncEntry).toBe(viaPackage.AsyncEntry);
    expect(keyring.Entry).toBe(viaPackage.Entry);
    // On the platforms the CI runs (glibc Linux), the binding package is found directly.
    if (process.platform === 'linux' && process.arch === 'x64') {
      expect(asked).toEqual(['@napi-rs/keyring-linux-x64-gnu']);
    }
  });

  it("falls back to the package's loader when the platform's binding cannot be loaded (musl, nested install)", () => {
    const fallback = { AsyncEntry: class {} };
    const asked: string[] = [];
    const require = ((id: string) => {
      asked.push(id);
      if (id === '@napi-rs/keyring') return fallback;
      throw new Error(`Cannot find module '${id}'`);
    }) as NodeJS.Require;
    expect(loadKeyring(require)).toBe(fallback);
    expect(asked).toEqual([
      expect.stringMatching(/^@napi-rs\/keyring-[a-z0-9]+-[a-z0-9]+(-[a-z]+)?$/),
      '@napi-rs/keyring',
    ]);
  });

  it('falls back when the binding package does not export the classes', () => {
    const fallback = { AsyncEntry: class {} };
    const asked: string[] = [];
    const require = ((id: string) => {
      asked.push(id);
      return id === '@napi-rs/keyring' ? fallback : {};
    }) as NodeJS.Require;
    expect(loadKeyring(require)).toBe(fallback);
    expect(asked).toHaveLength(2);
  });
});

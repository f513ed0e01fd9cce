import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, api, fileToBase64, toErrorInfo, unwrap } from '../../../renderer/api';
import { createFakeBridge } from './fake-bridge';

afterEach(() => {
  delete window.anchorage;
});

describe('renderer/api', () => {
  it('unwraps results and turns errors into ApiError with message and hint', async () => {
    expect(unwrap({ ok: true, value: 3 })).toBe(3);
    const info = { code: 'NOT_FOUND' as const, message: 'No such profile.', hint: 'Add it first.' };
    expect(() => unwrap({ ok: false, error: info })).toThrow(ApiError);
    try {
      unwrap({ ok: false, error: info });
    } catch (e) {
      expect(toErrorInfo(e)).toEqual(info);
    }
  });

  it('calls window.anchorage, passing no argument to no-input channels', async () => {
    const { bridge, calls } = createFakeBridge();
    window.anchorage = bridge;
    expect(await api.certList()).toEqual([]);
    await api.profileRemove({ name: 'x' });
    expect(calls).toEqual([
      { method: 'certList', request: undefined },
      { method: 'profileRemove', request: { name: 'x' } },
    ]);
  });

  it('explains a missing bridge instead of crashing', async () => {
    const error = await api.certList().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).info.hint).toContain('desktop app');
  });

  it('reads file bytes as base64', async () => {
    const bytes = new Uint8Array(70_000).map((_, i) => i % 251);
    const encoded = await fileToBase64(new Blob([bytes]));
    expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
  });
});

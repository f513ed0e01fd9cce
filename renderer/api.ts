import type { AnchorageApi, ChannelRequest, ChannelResponse, Result } from '../shared/schemas/contract';
import type { ChannelId, MethodName } from '../shared/domain/channels';
import type { ErrorInfo } from '../shared/errors';

/**
 * The renderer's only door to main (ARCHITECTURE §3). `window.anchorage` is typed from shared/contract.ts; this
 * module turns its `Result` values into resolved values or an {@link ApiError}, so components can use plain
 * async/await and show `error.info` (message + hint) in an Alert.
 *
 * Only types come from the contract (`import type`): the zod schemas stay in main and out of the renderer bundle.
 */

declare global {
  interface Window {
    anchorage?: AnchorageApi;
  }
}

/** An application error from main, carrying the message and hint to show. */
export class ApiError extends Error {
  readonly info: ErrorInfo;

  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'ApiError';
    this.info = info;
  }
}

/** Turn anything thrown into displayable error data (never a stack trace). */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof ApiError) return error.info;
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: 'INTERNAL',
    message: `Unexpected error: ${message}`,
    hint: 'Try again; if it keeps happening, restart Anchorage and report the steps that led here.',
  };
}

/** The value of a Result, or an ApiError. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new ApiError(result.error);
}

function bridge(): AnchorageApi {
  const found = window.anchorage;
  if (!found) {
    throw new ApiError({
      code: 'INTERNAL',
      message: 'The connection to the Anchorage main process is missing.',
      hint: 'Open Anchorage from its desktop app; this page cannot work in a plain browser tab.',
    });
  }
  return found;
}

type Unwrapped = {
  [C in ChannelId as MethodName<C>]: [ChannelRequest<C>] extends [undefined]
    ? () => Promise<ChannelResponse<C>>
    : (request: ChannelRequest<C>) => Promise<ChannelResponse<C>>;
};

type AnyMethod = (request?: unknown) => Promise<Result<unknown>>;

/**
 * `window.anchorage` with every method unwrapped: `await api.caCreate({...})` resolves to the CA summary or
 * rejects with an ApiError. The method set is exactly the contract's (derived type, no channel strings here).
 */
export const api = new Proxy({} as Unwrapped, {
  get(_target, key) {
    if (typeof key !== 'string') return undefined;
    return async (request?: unknown) => {
      const method = (bridge() as unknown as Record<string, AnyMethod | undefined>)[key];
      if (typeof method !== 'function') {
        throw new ApiError({
          code: 'INTERNAL',
          message: `The main process does not offer "${key}".`,
          hint: 'The app and its window are from different versions; restart Anchorage.',
        });
      }
      // Keep zero-argument calls zero-argument: the contract validates `undefined` for NoInput channels.
      const result = request === undefined ? await method() : await method(request);
      return unwrap(result);
    };
  },
});

/** Read a File (from a drop or a file input) as base64 for `cert.import` / `cert.inspectFile`. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // Chunked so large files do not overflow the argument list of String.fromCharCode.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

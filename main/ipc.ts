import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { ZodError, z } from 'zod';
import { channels } from '../shared/schemas/contract';
import type { ChannelResponse, Result } from '../shared/schemas/contract';
import { CHANNEL_IDS, ipcChannel } from '../shared/domain/channels';
import { safeFileName } from '../shared/domain/file-names';
import type { ChannelId } from '../shared/domain/channels';
import { maskSecret } from '../shared/credentials';
import { AnchorageError, toErrorInfo } from '../shared/errors';
import type { ErrorInfo } from '../shared/errors';
import { cliCommandFor } from './cli/command-line';
import { createClipboardGuard } from './clipboard';
import type { ClipboardGuard, ClipboardPort, TimerPort } from './clipboard';
import type { CoreApi, SetupStep, SignPreview } from './core/api';
import { assertInputSize } from './core/pki/limits';
import { writeFileAtomic } from './core/store/atomic-file';
import { createLocalServe } from './local-serve';
import type { LocalServe } from './local-serve';
import { isAllowedExternalUrl } from './security';

/**
 * The IPC registry (ARCHITECTURE §3, "Validate at the door"): one handler per contract channel, built from the
 * core and a small platform seam. Electron binds it to `ipcMain.handle` behind a sender check
 * ({@link bindIpc}); the test bridge serves the very same handlers over loopback HTTP.
 *
 * Each handler parses its payload with the channel's request schema, calls core, parses the result with the
 * response schema (which strips any field the contract does not name, so a secret added to a core type by
 * mistake still cannot reach the renderer), and returns a {@link Result}. It never throws.
 */

/** A desktop notification (Electron `Notification`; the test bridge records it). */
export interface DesktopNotice {
  title: string;
  body: string;
}

/**
 * What differs between Electron and the test bridge: the OS clipboard, the save dialog, desktop notifications
 * and the system browser, nothing else.
 */
export interface Platform {
  clipboard: ClipboardPort;
  /** Raises a desktop notification. */
  notify(notice: DesktopNotice): void;
  /** Opens a URL in the system browser; called only with an allow-listed https URL. */
  openExternal(url: string): void;
  /** Shows the save dialog; resolves to the chosen path, or undefined when the user cancelled. */
  chooseSavePath(suggestedName: string): Promise<string | undefined>;
  /** The command that runs the `anchorage` CLI, for the credential_process line of `aws.configure`. */
  cliCommand(): string[];
  /** Timers and clock for clipboard clearing; defaults to the real ones. */
  timers?: TimerPort;
}

type Handler<C extends ChannelId> = (payload: unknown) => Promise<Result<ChannelResponse<C>>>;
export type Handlers = { [C in ChannelId]: Handler<C> };

export interface Registry {
  handlers: Handlers;
  /** Cancels pending clipboard clears (call clearClipboard first on quit to wipe what we wrote). */
  dispose(): void;
  /** Clears the clipboard now if it still holds what Anchorage wrote (on quit). */
  clearClipboard(): void;
}

/** A request after parsing: trimmed, with zod's output types. */
type Parsed<C extends ChannelId> = z.output<(typeof channels)[C]['request']>;
type Impl = { [C in ChannelId]: (request: Parsed<C>) => Promise<unknown> };

/** Previews kept for `sign.copy`; a few are enough, the workbench shows one at a time. */
const MAX_PREVIEWS = 16;
/** `aws.setup` runs whose steps `aws.progress` still answers. */
const MAX_SETUP_RUNS = 8;

/** Calls that change the certificates, after which the expiry watcher and the tray look again (issue 10 §4). */
const CERTIFICATE_CHANGES: ReadonlySet<ChannelId> = new Set<ChannelId>([
  'ca.create',
  'cert.issue',
  'cert.import',
  'cert.renew',
  'ca.renew',
  'cert.revoke',
  'cert.delete',
  'cert.rename',
]);

export interface RegistryHooks {
  /** After a successful {@link CERTIFICATE_CHANGES} call. */
  onCertificatesChanged?: () => void;
  /** Where "serve to local tools" keeps its token files (`<data dir>/serve`); without it, serving is refused. */
  serveRoot?: string;
}

/**
 * Build the registry.
 * @param core the composition root's API
 * @param platform clipboard, save dialog and CLI path
 * @param hooks what main and the test bridge want to hear about
 */
export function createRegistry(core: CoreApi, platform: Platform, hooks: RegistryHooks = {}): Registry {
  const guard: ClipboardGuard = createClipboardGuard(platform.clipboard, platform.timers);
  const previews = new Map<string, SignPreview>();
  const serving = hooks.serveRoot === undefined ? undefined : createLocalServe(core, hooks.serveRoot);
  const localServe = (): LocalServe => {
    if (serving) return serving;
    throw new AnchorageError(
      'INTERNAL',
      'Serving to local tools is not set up in this window.',
      'Restart Anchorage.',
    );
  };

  // Steps of the app's "Register for me" runs (issue 12), by the renderer's run id, for `aws.progress`.
  const setupRuns = new Map<string, SetupStep[]>();

  const copy = async (text: string): Promise<{ clearsAt: string }> => {
    const { clipboardClearSeconds } = await core.getSettings();
    return guard.copy(text, clipboardClearSeconds);
  };

  const save = async (
    suggestedName: string,
    data: Uint8Array | string,
    mode: number,
  ): Promise<string | null> => {
    const path = await platform.chooseSavePath(suggestedName);
    if (!path) return null;
    // Atomic (temp file, fsync, rename): a failed or interrupted save never leaves half a file behind.
    await writeFileAtomic(path, data, mode);
    return path;
  };

  const impl: Impl = {
    'vault.status': () => core.vaultStatus(),
    'settings.get': () => core.getSettings(),
    'settings.update': (request) => core.updateSettings(request),
    'wizard.get': () => core.wizardProgress(),
    'wizard.set': (request) => core.saveWizardProgress(request),

    'ca.create': (request) => core.createCa(request),
    'ca.crl': async ({ ca }) => {
      const summary = await core.getCertificate(ca);
      const pem = await core.crl(ca);
      return { path: await save(`${safeFileName(summary.name)}.crl.pem`, pem, 0o644) };
    },

    'cert.issue': ({ csr, ...rest }) => core.issueCert({ ...rest, ...(csr ? { csr: csrBytes(csr) } : {}) }),
    'cert.import': ({ files, ...rest }) =>
      core.importCertificate({
        ...rest,
        files: files.map(droppedFile),
      }),
    'cert.list': () => core.listCertificates(),
    'cert.get': ({ ref }) => core.getCertificate(ref),
    'cert.pem': async ({ ref }) => ({ pem: await core.certificatePem(ref) }),
    'cert.inspect': ({ ref }) => core.inspectCertificate(ref),
    'cert.inspectFile': ({ file, password }) => core.inspectBytes(droppedFile(file), password),
    'cert.revoke': ({ ref }) => core.revokeCertificate(ref),
    'cert.rename': ({ ref, name }) => core.renameCertificate(ref, name),
    'cert.renew': ({ ref, ...options }) => core.renewCertificate(ref, options),
    'ca.renew': async ({ ref, ...options }) => {
      const { ca, bundlePem } = await core.renewCa(ref, options);
      return { ca, bundlePem };
    },
    'cert.delete': ({ ref, ...options }) => core.deleteCertificate(ref, options),
    'cert.export': async ({ ref, format, pfxProfile, password: choice, includePrivateKey }) => {
      const needsPassword = format === 'pfx' || format === 'key';
      if (needsPassword && !choice) {
        throw new AnchorageError(
          'INVALID_INPUT',
          `A ${format === 'pfx' ? 'PFX' : 'private key'} export needs a password.`,
          'Type a password, or choose a generated one.',
        );
      }
      const password =
        !needsPassword || !choice
          ? undefined
          : choice.kind === 'typed'
            ? choice.value
            : core.generatePassword();
      const result = await core.exportCertificate({
        ref,
        format,
        ...(pfxProfile ? { pfxProfile } : {}),
        ...(password ? { password } : {}),
        ...(includePrivateKey ? { includePrivateKey } : {}),
      });
      const path = await save(result.suggestedFileName, result.bytes, needsPassword ? 0o600 : 0o644);
      if (!path)
        return {
          path: null,
          description: result.description,
          passwordCopied: false,
          clipboardClearsAt: null,
        };
      // Read the file back and open it with the password: a PFX that does not open is worse than none (§1 step 7).
      if (format === 'pfx') await core.inspectBytes(new Uint8Array(await readFile(path)), password);
      if (choice?.kind === 'generated' && password) {
        const { clearsAt } = await copy(password);
        return { path, description: result.description, passwordCopied: true, clipboardClearsAt: clearsAt };
      }
      return { path, description: result.description, passwordCopied: false, clipboardClearsAt: null };
    },

    'file.saveText': async ({ suggestedName, text }) => ({ path: await save(suggestedName, text, 0o644) }),

    'profile.add': ({ replace, ...input }) => core.addProfile(input, replace ? { replace } : {}),
    'profile.set': ({ name, patch }) => core.setProfile(name, patch),
    'profile.list': () => core.profileOverview(),
    'profile.get': ({ name }) => core.getProfile(name),
    'profile.remove': async ({ name }) => {
      await core.removeProfile(name);
      return null;
    },

    'static.add': ({ name, accessKeyId, secretAccessKey }) =>
      core.addStatic(name, accessKeyId, secretAccessKey),
    'static.list': () => core.listStatic(),
    'static.remove': async ({ name }) => {
      await core.removeStatic(name);
      return null;
    },

    'session.get': async ({ profile, noCache, auto }) => {
      const { refreshMarginSeconds } = await core.getSettings();
      try {
        return await core.maskedSession(profile, { refreshMarginSeconds, ...(noCache ? { noCache } : {}) });
      } catch (error) {
        // An automatic refresh fails while the user may be elsewhere: tell them (issue 10 §4).
        if (auto) {
          platform.notify({
            title: `Credentials for “${profile}” were not refreshed`,
            body: `${toErrorInfo(error).message} Open Anchorage to retry.`,
          });
        }
        throw error;
      }
    },
    'session.copy': async ({ profile, format }) => {
      const { refreshMarginSeconds } = await core.getSettings();
      return copy(await core.formatSession(profile, format, { refreshMarginSeconds }));
    },
    'session.whoami': ({ profile }) => core.whoami(profile),
    'aws.configure': ({ profile }) =>
      core.configureAws(profile, (dataDir) => cliCommandFor(platform.cliCommand(), dataDir)),
    'aws.sources': () => core.operatorSources(),
    'aws.discover': (request) => core.awsDiscover(request),
    'aws.setup': async ({ runId, ...input }) => {
      setupRuns.set(runId, []);
      // Keep the last few runs' steps only: a run's list matters while its call is pending and just after.
      for (const old of [...setupRuns.keys()].slice(0, -MAX_SETUP_RUNS)) setupRuns.delete(old);
      const result = await core.awsSetup(input, { onStep: (steps) => setupRuns.set(runId, steps) });
      setupRuns.set(runId, result.steps);
      return result;
    },
    'aws.progress': async ({ runId }) => setupRuns.get(runId) ?? [],
    'aws.pushCrl': (request) => core.awsPushCrl(request),
    'aws.updateAnchor': (request) => core.awsUpdateAnchor(request),

    'serve.list': async () => serving?.list() ?? [],
    'serve.start': ({ profile }) => localServe().start(profile),
    'serve.stop': async ({ profile }) => {
      await serving?.stop(profile);
      return null;
    },

    'sign.preview': async ({ time, ...rest }) => {
      const preview = await core.sign({ ...rest, ...(time ? { time: new Date(time) } : {}) });
      const previewId = randomUUID();
      previews.set(previewId, preview);
      // Forget the oldest: Map iterates in insertion order.
      while (previews.size > MAX_PREVIEWS) previews.delete(previews.keys().next().value as string);
      return { previewId, ...maskPreview(preview) };
    },
    'sign.copy': async ({ previewId, field }) => {
      const preview = previews.get(previewId);
      if (!preview) {
        throw new AnchorageError(
          'NOT_FOUND',
          'That signed request preview is no longer available.',
          'Sign the request again, then copy.',
        );
      }
      const text = field === 'headers' ? headerLines(preview.headers) : (preview[field] ?? '');
      return copy(text);
    },

    'clipboard.clear': async () => {
      guard.clearNow();
      return null;
    },
    'app.openExternal': async ({ url }) => {
      if (!isAllowedExternalUrl(url)) {
        throw new AnchorageError(
          'INVALID_INPUT',
          'Anchorage opens only AWS console and documentation links in the browser.',
          'Copy the address and open it yourself if you trust it.',
          { facts: { field: 'url', reason: 'not-allowed' } },
        );
      }
      platform.openExternal(url);
      return null;
    },
  };

  const changed = hooks.onCertificatesChanged;
  const handlers = Object.fromEntries(
    CHANNEL_IDS.map((channel) => {
      const run = impl[channel] as (request: unknown) => Promise<unknown>;
      if (!changed || !CERTIFICATE_CHANGES.has(channel)) return [channel, makeHandler(channel, run)];
      const notifying = async (request: unknown) => {
        const value = await run(request);
        changed();
        return value;
      };
      return [channel, makeHandler(channel, notifying)];
    }),
  ) as Handlers;
  return {
    handlers,
    dispose: () => {
      guard.dispose();
      void serving?.stopAll();
    },
    clearClipboard: () => guard.clearNow(),
  };
}

function makeHandler<C extends ChannelId>(
  channel: C,
  run: (request: unknown) => Promise<unknown>,
): Handler<C> {
  const { request: requestSchema, response: responseSchema } = channels[channel];
  return async (payload) => {
    const request = requestSchema.safeParse(payload);
    if (!request.success) return { ok: false, error: invalidInput(channel, request.error) };
    try {
      const value = await run(request.data);
      const response = responseSchema.safeParse(value);
      if (!response.success) {
        return {
          ok: false,
          error: {
            code: 'INTERNAL',
            message: `The answer to ${channel} did not match the contract.`,
            hint: 'This is a bug in Anchorage; please report it with the steps that led here.',
          },
        };
      }
      return { ok: true, value: response.data as ChannelResponse<C> };
    } catch (error) {
      return { ok: false, error: toErrorInfo(error) };
    }
  };
}

/**
 * Names the fields at fault, never the values (a value may be a password), and never zod's own text: the app
 * words the field (renderer/error-words.ts), so no schema message reaches the screen (issue 10 §2).
 */
function invalidInput(channel: ChannelId, error: ZodError): ErrorInfo {
  const fields = [...new Set(error.issues.map((issue) => issue.path.map(String).join('.') || 'request'))];
  const first = error.issues[0];
  const reason = first?.code === 'too_small' && first.minimum === 1 ? 'required' : 'invalid';
  return {
    code: 'INVALID_INPUT',
    message: `Some of what was sent is not valid: ${fields.slice(0, 5).join(', ')}.`,
    hint: 'Check the highlighted fields and try again.',
    facts: { field: fields[0] ?? 'request', reason, channel },
  };
}

/** A CSR arrives as PEM text or base64 DER. */
function csrBytes(csr: string): Uint8Array {
  const text = csr.trim();
  if (text.startsWith('-----BEGIN')) return new TextEncoder().encode(text);
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/**
 * A dropped or picked file's bytes, from base64; one over the input limit is refused from the base64 length,
 * before it is decoded (core checks the bytes again).
 * @throws AnchorageError INPUT_TOO_LARGE.
 */
function droppedFile(base64: string): Uint8Array {
  assertInputSize(Buffer.byteLength(base64, 'base64'), 'The file');
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

function headerLines(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
}

/**
 * The preview as the renderer may see it: the session token is a bearer secret, so every occurrence (header,
 * canonical request, curl) is masked. The signature and access key id are not secrets.
 */
export function maskPreview(preview: SignPreview): SignPreview {
  const token = Object.entries(preview.headers).find(
    ([k]) => k.toLowerCase() === 'x-amz-security-token',
  )?.[1];
  if (!token) return { ...preview, headers: { ...preview.headers } };
  const masked = maskSecret(token);
  const hide = (text: string): string => text.split(token).join(masked);
  return {
    canonicalRequest: hide(preview.canonicalRequest),
    stringToSign: hide(preview.stringToSign),
    signature: preview.signature,
    signedHeaders: preview.signedHeaders,
    authorization: hide(preview.authorization),
    headers: Object.fromEntries(Object.entries(preview.headers).map(([k, v]) => [k, hide(v)])),
    url: hide(preview.url),
    notes: preview.notes.map(hide),
    curl: hide(preview.curl),
    ...(preview.curlHeaders !== undefined ? { curlHeaders: hide(preview.curlHeaders) } : {}),
  };
}

/** Decides whether an IPC call comes from our window's top frame (see main/security.ts). */
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/** The error an untrusted sender gets (it learns nothing else). */
export const UNTRUSTED_SENDER: ErrorInfo = {
  code: 'UNTRUSTED_SENDER',
  message: 'This request did not come from an Anchorage window.',
  hint: 'Only the Anchorage window may call the app; reload it if this appeared in the app itself.',
};

/**
 * Bind every handler to `ipcMain.handle` behind the sender check (Electron security checklist #17).
 * @returns a function that removes the handlers
 */
export function bindIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  handlers: Handlers,
  isTrusted: SenderCheck,
): () => void {
  for (const channel of CHANNEL_IDS) {
    const handler = handlers[channel] as Handler<ChannelId>;
    ipcMain.handle(ipcChannel(channel), async (event, payload: unknown): Promise<Result<unknown>> => {
      if (!isTrusted(event)) return { ok: false, error: UNTRUSTED_SENDER };
      return handler(payload);
    });
  }
  return () => {
    for (const channel of CHANNEL_IDS) ipcMain.removeHandler(ipcChannel(channel));
  };
}

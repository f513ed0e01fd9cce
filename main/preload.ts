import { contextBridge, ipcRenderer } from 'electron';
import { API_GLOBAL } from '../shared/domain/channels';
import { buildApi } from './preload-api';

/**
 * The preload (ARCHITECTURE §3): exposes `window.anchorage`, built by `buildApi` (main/preload-api.ts) over
 * ipcRenderer.invoke. Built as CommonJS because sandboxed preloads cannot be ES modules.
 *
 * Only shared/domain (no zod, no schemas) may be imported here, for runtime values (eslint.config.mjs): the
 * schemas are main's business, and bundling zod made this file 100 KB.
 */

contextBridge.exposeInMainWorld(
  API_GLOBAL,
  buildApi((channel, payload) => ipcRenderer.invoke(channel, payload)),
);

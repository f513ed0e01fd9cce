import type { InventoryDoc, ProfilesDoc, SettingsDoc, UiStateDoc } from './document-schemas';
import type { StampedSchema } from './document';
import { INVENTORY_SHAPE, PROFILES_SHAPE, SETTINGS_SHAPE, UI_STATE_SHAPE } from './document-shapes';

/**
 * The data directory's documents, the fingerprints of their schemas (store/stamp.ts) and their JSON Schemas
 * (document-shapes.ts), without zod: the schemas themselves (document-schemas.ts) load only when a file needs
 * validating; a write is checked and stamped with the JSON Schema (shape.ts).
 *
 * Each fingerprint is a constant so that a stamped file reads with no zod at all;
 * test/unit/main/core/document-stamp.test.ts computes it from the schema (its JSON Schema, input and output)
 * and fails when a schema changes without its constant: update the constant then, and files stamped under
 * the old schema are validated again on their next read.
 */
const schemas = () => import('./document-schemas');

export const SETTINGS_DOC: StampedSchema<SettingsDoc> = {
  fingerprint: 'b23f77db1ee87789',
  shape: SETTINGS_SHAPE,
  load: async () => (await schemas()).SettingsDocSchema,
};

export const PROFILES_DOC: StampedSchema<ProfilesDoc> = {
  fingerprint: '7c838ae1d945c23c',
  shape: PROFILES_SHAPE,
  load: async () => (await schemas()).ProfilesDocSchema,
};

export const INVENTORY_DOC: StampedSchema<InventoryDoc> = {
  fingerprint: '0ddaf8618cc59cf8',
  shape: INVENTORY_SHAPE,
  load: async () => (await schemas()).InventorySchema,
};

export const UI_STATE_DOC: StampedSchema<UiStateDoc> = {
  fingerprint: '5b680666d54ebd16',
  shape: UI_STATE_SHAPE,
  load: async () => (await schemas()).UiStateDocSchema,
};

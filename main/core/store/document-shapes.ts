import shapes from './document-shapes.json' with { type: 'json' };
import type { Shape } from './shape';

/**
 * What `z.toJSONSchema(schema, { io: 'output' })` makes of each document schema (document-schemas.ts), without
 * `$schema`, as data (document-shapes.json), so that a write checks its document without loading zod
 * (shape.ts). Not edited by hand: test/unit/main/core/store/document-stamp.test.ts fails when a schema
 * changes and shows the new value.
 */
export const SETTINGS_SHAPE = shapes.settings as Shape;
export const PROFILES_SHAPE = shapes.profiles as Shape;
export const INVENTORY_SHAPE = shapes.inventory as Shape;
export const UI_STATE_SHAPE = shapes.uiState as Shape;

import { z } from 'zod';
import {
  ProfileSchema,
  SettingsSchema,
  StaticCredentialSchema,
  WizardProgressSchema,
} from '../../../shared/schemas/models';

/**
 * The schemas of the documents in the data directory (ARCHITECTURE §4). Their own module, loaded only when a
 * file must be validated (store/documents.ts): a file this version wrote and stamped reads without zod.
 * Changing one changes its fingerprint, which test/unit/main/core/document-stamp.test.ts checks against the
 * constant in store/documents.ts.
 */

export const SettingsDocSchema = z.object({
  schemaVersion: z.literal(1),
  settings: SettingsSchema.partial(),
});
export type SettingsDoc = z.infer<typeof SettingsDocSchema>;

export const ProfilesDocSchema = z.object({
  schemaVersion: z.literal(1),
  profiles: z.array(ProfileSchema),
  statics: z.array(StaticCredentialSchema),
  /** One-time data migrations already applied to this document (e.g. `static-case-exact`). */
  migrations: z.array(z.string()).optional(),
});
export type ProfilesDoc = z.infer<typeof ProfilesDocSchema>;

const RecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['ca', 'client']),
  certificatePem: z.string(),
  /** The issuer in this inventory, when it is here. */
  issuerId: z.string().nullable(),
  /** Intermediates that came with an import and are not in the inventory themselves (PEM, leaf-most first). */
  extraChainPem: z.array(z.string()).default([]),
  hasPrivateKey: z.boolean(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  /** The certificate that renewed this one (`cert renew`); files from before issue 9 load as null. */
  supersededBy: z.string().nullable().default(null),
});
export type CertificateRecord = z.infer<typeof RecordSchema>;

export const InventorySchema = z.object({
  schemaVersion: z.literal(1),
  certificates: z.array(RecordSchema),
  /** The last CRL number issued per CA id (RFC 5280 §5.2.3: monotonically increasing). */
  crlNumbers: z.record(z.string(), z.number().int()),
});
export type InventoryDoc = z.infer<typeof InventorySchema>;

export const UiStateDocSchema = z.object({
  schemaVersion: z.literal(1),
  wizard: WizardProgressSchema.optional(),
  /** Certificate id → the day thresholds whose expiry notice was raised. */
  expiryNotices: z.record(z.string(), z.array(z.number().int())),
});
export type UiStateDoc = z.infer<typeof UiStateDocSchema>;

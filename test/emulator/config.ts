/** Configuration of the emulator, and the schemas its HTTP admin surface validates against. */
import { z } from 'zod';

export interface TrustAnchorConfig {
  arn: string;
  /** CA certificates (root or intermediate) the trust anchor holds, PEM; one string may hold several. */
  certificatesPem: string[];
  enabled?: boolean;
}

export interface ProfileConfig {
  arn: string;
  roleArns: string[];
  enabled?: boolean;
  /** Longest session the profile allows, seconds; default 3600. */
  durationSeconds?: number;
}

export interface EmulatorConfig {
  /** The region this endpoint serves, e.g. 'us-east-1'. */
  region: string;
  trustAnchors: TrustAnchorConfig[];
  profiles: ProfileConfig[];
  crls?: { trustAnchorArn: string; crlPem: string }[];
  /** Allowed difference between X-Amz-Date and the emulator's clock; default 300. */
  clockSkewSeconds?: number;
  /** The emulator's clock; default the system clock shifted by `clockOffsetSeconds`. */
  now?: () => Date;
  /** Shift of the emulator's clock from the system clock, seconds (settable over HTTP, unlike `now`). */
  clockOffsetSeconds?: number;
}

/** A fault for the next `count` (default 1) CreateSession requests. */
export interface Fault {
  /** Answer with this status instead of processing (503, 429, 500 …). */
  status?: number;
  /** X-Amzn-ErrorType to send with `status`; defaults by status. */
  errorType?: string;
  count?: number;
  /** Wait this long before answering (or before processing, when no status is given). */
  delayMs?: number;
  /** Destroy the socket without answering. */
  resetConnection?: boolean;
}

export const faultSchema = z.strictObject({
  status: z.number().int().min(400).max(599).optional(),
  errorType: z.string().min(1).optional(),
  count: z.number().int().min(1).optional(),
  delayMs: z.number().int().min(0).max(600_000).optional(),
  resetConnection: z.boolean().optional(),
});

/** What POST /__emulator/config accepts: every config field but the clock function. */
export const configPatchSchema = z.strictObject({
  region: z.string().min(1).optional(),
  trustAnchors: z
    .array(
      z.strictObject({
        arn: z.string(),
        certificatesPem: z.array(z.string()),
        enabled: z.boolean().optional(),
      }),
    )
    .optional(),
  profiles: z
    .array(
      z.strictObject({
        arn: z.string(),
        roleArns: z.array(z.string()),
        enabled: z.boolean().optional(),
        durationSeconds: z.number().int().positive().optional(),
      }),
    )
    .optional(),
  crls: z.array(z.strictObject({ trustAnchorArn: z.string(), crlPem: z.string() })).optional(),
  clockSkewSeconds: z.number().int().min(0).optional(),
  clockOffsetSeconds: z.number().int().optional(),
});

/** The emulator's current time under a config. */
export function clockOf(config: EmulatorConfig): Date {
  return config.now ? config.now() : new Date(Date.now() + (config.clockOffsetSeconds ?? 0) * 1000);
}

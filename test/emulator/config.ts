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

/** The account the emulator's resources live in when nothing names another ('123456789012', AWS's example). */
export const DEFAULT_ACCOUNT = '123456789012';

/**
 * Long-term keys of an IAM user allowed to call the control-plane APIs (IAM, Roles Anywhere management).
 * Every such request must carry a SigV4 signature made with one operator's secret.
 */
export interface OperatorConfig {
  accessKeyId: string;
  secretAccessKey: string;
  /** When set, requests must carry it as X-Amz-Security-Token (temporary credentials). */
  sessionToken?: string;
  /** The operator's account, where the resources it creates live; default {@link DEFAULT_ACCOUNT}. */
  account?: string;
  /** The IAM user name in the operator's ARN (`arn:aws:iam::ACCOUNT:user/NAME`); default 'operator'. */
  userName?: string;
  /**
   * Actions the operator may call, IAM-style (`iam:CreateRole`, `rolesanywhere:*`, `*`, case-insensitive);
   * default every action. Anything else is answered with the service's AccessDenied.
   */
  allow?: string[];
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
  /** Who may call the control-plane APIs; none by default (every control-plane call is then refused). */
  operators?: OperatorConfig[];
}

/**
 * A fault for the next `count` (default 1) requests of one operation: CreateSession unless `operation`
 * names another (e.g. 'CreateRole', 'ListTrustAnchors', 'GetCallerIdentity').
 */
export interface Fault {
  /** The operation the fault applies to, as the API reference names it; default 'CreateSession'. */
  operation?: string;
  /**
   * Answer with this status instead of processing (503, 429, 500 …). The query services (IAM, STS) answer
   * a 429 as they throttle: 400 with the code `Throttling`.
   */
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
  operation: z
    .string()
    .regex(/^[A-Z][A-Za-z]+$/)
    .optional(),
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
  operators: z
    .array(
      z.strictObject({
        accessKeyId: z.string().min(16),
        secretAccessKey: z.string().min(1),
        sessionToken: z.string().min(1).optional(),
        account: z
          .string()
          .regex(/^\d{12}$/)
          .optional(),
        userName: z
          .string()
          .regex(/^[\w+=,.@-]{1,64}$/)
          .optional(),
        allow: z.array(z.string().min(1)).optional(),
      }),
    )
    .optional(),
});

/** The emulator's current time under a config. */
export function clockOf(config: EmulatorConfig): Date {
  return config.now ? config.now() : new Date(Date.now() + (config.clockOffsetSeconds ?? 0) * 1000);
}

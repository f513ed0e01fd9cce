/**
 * Key types and PFX profiles with what the UI says about them. `Record<KeyType, …>` and
 * `Record<PfxProfile, …>`: a type added to the list without its entry does not compile. The crypto parameters
 * of each PFX profile stay in core (main/core/pki/pkcs12.ts `PFX_PRESETS`), keyed by the same type.
 */

/** Key types Roles Anywhere accepts (ARCHITECTURE §1): RSA 2048/3072/4096, EC P-256/P-384. */
export const KEY_TYPES = ['rsa-2048', 'rsa-3072', 'rsa-4096', 'ec-p256', 'ec-p384'] as const;
export type KeyType = (typeof KEY_TYPES)[number];

/** RSA-2048: the widest reach (older Java, Windows Server 2016) at an acceptable strength. */
export const DEFAULT_KEY_TYPE: KeyType = 'rsa-2048';

interface OptionInfo {
  /** The name in menus ("EC P-256"). */
  label: string;
  /** One line on when to pick it. */
  help: string;
}

/** Key types in menu order, with their label and explanation. */
export const KEY_TYPE_INFO: Record<KeyType, OptionInfo> = {
  'ec-p256': { label: 'EC P-256', help: 'Fast to generate, small certificates. The best default.' },
  'ec-p384': { label: 'EC P-384', help: 'Stronger curve, still fast. For policies that ask for P-384.' },
  'rsa-2048': { label: 'RSA 2048', help: 'Widest compatibility with older tools and Java runtimes.' },
  'rsa-3072': { label: 'RSA 3072', help: 'Longer-lived RSA; takes a few seconds to generate.' },
  'rsa-4096': {
    label: 'RSA 4096',
    help: 'Strongest RSA; slow to generate (can take many seconds) and larger.',
  },
};

export const PFX_PROFILES = ['modern', 'legacy'] as const;
export type PfxProfile = (typeof PFX_PROFILES)[number];

/** PFX profiles named after where the file goes (ARCHITECTURE §6), in menu order. */
export const PFX_PROFILE_INFO: Record<PfxProfile, OptionInfo> = {
  legacy: {
    label: 'Mendix Cloud / older Java (legacy)',
    help: '3DES with a SHA-1 MAC: what Mendix Cloud, Java 8 and Windows Server 2016 can open.',
  },
  modern: {
    label: 'Modern (AES-256)',
    help: 'AES-256 with a SHA-256 MAC: OpenSSL 3, current Java, Windows Server 2019 and later.',
  },
};

export const EXPORT_FORMATS = ['pem', 'chain', 'pfx', 'key'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

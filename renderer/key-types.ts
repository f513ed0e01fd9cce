import type { KeyType } from '../shared/models';

/**
 * Key types with the one-line explanation the UI shows. Listed here rather than imported from shared/models'
 * KEY_TYPES so the renderer bundle does not pull in zod; `satisfies` keeps the two lists in step.
 */
export const KEY_TYPE_OPTIONS = [
  { id: 'ec-p256', label: 'EC P-256', help: 'Fast to generate, small certificates. The best default.' },
  { id: 'ec-p384', label: 'EC P-384', help: 'Stronger curve, still fast. For policies that ask for P-384.' },
  { id: 'rsa-2048', label: 'RSA 2048', help: 'Widest compatibility with older tools and Java runtimes.' },
  { id: 'rsa-3072', label: 'RSA 3072', help: 'Longer-lived RSA; takes a few seconds to generate.' },
  {
    id: 'rsa-4096',
    label: 'RSA 4096',
    help: 'Strongest RSA; slow to generate (can take many seconds) and larger.',
  },
] as const satisfies ReadonlyArray<{ id: KeyType; label: string; help: string }>;

/** The label of a key type ("EC P-256"). */
export function keyTypeLabel(id: KeyType): string {
  return KEY_TYPE_OPTIONS.find((o) => o.id === id)?.label ?? id;
}

/** The explanation of a key type. */
export function keyTypeHelp(id: KeyType): string {
  return KEY_TYPE_OPTIONS.find((o) => o.id === id)?.help ?? '';
}

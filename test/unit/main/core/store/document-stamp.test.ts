/**
 * Issue 11 §3: a document file this version wrote reads with JSON.parse alone (store/stamp.ts, document.ts).
 * Checked here: each schema fingerprint constant (store/documents.ts) is the schema's own, so that changing a
 * schema without it fails; a stamped read returns exactly what zod returns, over many documents and every
 * kind of damage, and gives exactly the errors of the full path; it never loads the schema.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { JsonDocument } from '../../../../../main/core/store/document';
import type { StampedSchema } from '../../../../../main/core/store/document';
import type { SettingsDoc, UiStateDoc } from '../../../../../main/core/store/document-schemas';
import {
  INVENTORY_DOC,
  PROFILES_DOC,
  SETTINGS_DOC,
  UI_STATE_DOC,
} from '../../../../../main/core/store/documents';
import { inSchemaOrder } from '../../../../../main/core/store/shape';
import { stampBody, stampedBody } from '../../../../../main/core/store/stamp';
import { KEY_TYPES } from '../../../../../shared/domain/key-types';
import { WIZARD_STEP_KEYS } from '../../../../../shared/domain/wizard';
import { tempDir } from '../../../../support/fs';

const scratch = tempDir('anchorage-stamp-');
afterAll(() => scratch.cleanup());

/** The fingerprint of a schema: its JSON Schema as input and as output (defaults, optionality, strictness). */
function fingerprintOf(schema: z.ZodType): string {
  const described = [z.toJSONSchema(schema, { io: 'input' }), z.toJSONSchema(schema, { io: 'output' })];
  return createHash('sha256').update(JSON.stringify(described)).digest('hex').slice(0, 16);
}

/**
 * What JSON Schema cannot show would escape the fingerprint: a refinement (a `custom` check) or a transform
 * (toJSONSchema throws on those). None may be in a stamped document's schema.
 */
function refinements(schema: unknown, seen = new Set<unknown>()): string[] {
  if (typeof schema !== 'object' || schema === null || seen.has(schema)) return [];
  seen.add(schema);
  const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
  if (!def) return [];
  const found: string[] = [];
  for (const check of (def.checks as { _zod: { def: { check: string } } }[] | undefined) ?? []) {
    if (check._zod.def.check === 'custom') found.push('refine');
  }
  if (def.type === 'pipe' || def.type === 'transform') found.push(String(def.type));
  for (const value of Object.values(def)) {
    const children = Array.isArray(value) ? value : value && typeof value === 'object' ? [value] : [];
    for (const child of children) {
      if (child && typeof child === 'object' && !('_zod' in child)) {
        for (const nested of Object.values(child as object)) found.push(...refinements(nested, seen));
      } else found.push(...refinements(child, seen));
    }
  }
  return found;
}

interface Kind {
  name: string;
  spec: StampedSchema<{ schemaVersion: number }>;
  empty: () => { schemaVersion: number };
  /** Documents this version writes, varied over every optional part. */
  fixtures: () => Record<string, unknown>[];
}

/** A small deterministic PRNG (mulberry32), so that a failure names a fixture that comes back. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const NAMES = ['dev', 'prod-eu', 'Ünïcode-名前', 'a "quoted",\n name', 'x'.repeat(200), '😀'];
const COUNT = 25;

function many<T>(seed: number, make: (r: () => number, i: number) => T): T[] {
  const r = random(seed);
  return Array.from({ length: COUNT }, (_, i) => make(r, i));
}
const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
const maybe = <T extends object>(r: () => number, value: T): T | object => (r() < 0.5 ? value : {});

const KINDS: Kind[] = [
  {
    name: 'settings',
    spec: SETTINGS_DOC,
    empty: () => ({ schemaVersion: 1, settings: {} }),
    fixtures: () =>
      many(1, (r) => ({
        schemaVersion: 1,
        settings: {
          ...maybe(r, { clipboardClearSeconds: 5 + Math.floor(r() * 100) }),
          ...maybe(r, { refreshMarginSeconds: 60 + Math.floor(r() * 600) }),
          ...maybe(r, { defaultKeyType: pick(r, KEY_TYPES) }),
        },
      })),
  },
  {
    name: 'profiles',
    spec: PROFILES_DOC,
    empty: () => ({ schemaVersion: 1, profiles: [], statics: [] }),
    fixtures: () =>
      many(2, (r, i) => ({
        schemaVersion: 1,
        profiles: Array.from({ length: i % 4 }, (_, k) => ({
          name: `${pick(r, NAMES)}-${k}`,
          certificateId: `crt-${k}`,
          trustAnchorArn: 'arn:aws:rolesanywhere:us-east-1:111122223333:trust-anchor/ta',
          profileArn: 'arn:aws:rolesanywhere:us-east-1:111122223333:profile/p',
          roleArn: 'arn:aws:iam::111122223333:role/r',
          region: 'us-east-1',
          durationSeconds: 900 + k,
          ...maybe(r, { sessionName: pick(r, NAMES) }),
          ...maybe(r, { endpoint: 'http://127.0.0.1:8443' }),
          ...maybe(r, { fips: true }),
          ...maybe(r, { stsEndpoint: 'https://sts.example' }),
          createdAt: new Date(1e12 + k).toISOString(),
        })),
        statics: Array.from({ length: i % 3 }, (_, k) => ({
          name: `static-${k}`,
          accessKeyId: `AKIA${'A'.repeat(16)}`,
          createdAt: new Date(1e12).toISOString(),
        })),
        ...maybe(r, { migrations: ['static-case-exact'] }),
      })),
  },
  {
    name: 'inventory',
    spec: INVENTORY_DOC,
    empty: () => ({ schemaVersion: 1, certificates: [], crlNumbers: {} }),
    fixtures: () =>
      many(3, (r, i) => ({
        schemaVersion: 1,
        certificates: Array.from({ length: i % 5 }, (_, k) => ({
          id: `crt-${i}-${k}`,
          name: `${pick(r, NAMES)}-${k}`,
          kind: pick(r, ['ca', 'client'] as const),
          certificatePem: `-----BEGIN CERTIFICATE-----\n${'MIIB'.repeat(1 + k * 40)}\n-----END CERTIFICATE-----\n`,
          issuerId: r() < 0.5 ? null : `ca-${k}`,
          extraChainPem: r() < 0.7 ? [] : ['-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n'],
          hasPrivateKey: r() < 0.5,
          createdAt: new Date(1e12 + k).toISOString(),
          revokedAt: r() < 0.8 ? null : new Date(2e12).toISOString(),
          supersededBy: r() < 0.8 ? null : `crt-next-${k}`,
        })),
        crlNumbers: r() < 0.5 ? {} : { [`ca-${i}`]: 1 + Math.floor(r() * 1000) },
      })),
  },
  {
    name: 'ui-state',
    spec: UI_STATE_DOC,
    empty: () => ({ schemaVersion: 1, expiryNotices: {} }),
    fixtures: () =>
      many(4, (r, i) => ({
        schemaVersion: 1,
        ...maybe(r, {
          wizard: {
            step: pick(r, WIZARD_STEP_KEYS),
            ...maybe(r, { caId: `ca-${i}` }),
            ...maybe(r, { registered: r() < 0.5 }),
            ...maybe(r, { region: 'eu-west-1' }),
            ...maybe(r, { profileName: pick(r, NAMES).slice(0, 64) }),
          },
        }),
        expiryNotices: r() < 0.5 ? {} : { [`crt-${i}`]: [30, 7, 1].slice(0, 1 + (i % 3)) },
      })),
  },
];

/** Make `doc` the fixture, members in the fixture's order. */
function replace(doc: object, fixture: Record<string, unknown>): void {
  for (const key of Object.keys(doc)) delete (doc as Record<string, unknown>)[key];
  Object.assign(doc, structuredClone(fixture));
}

/** What a read gives: the value (compared with its key order), or the error's code and words. */
async function outcome(doc: JsonDocument<{ schemaVersion: number }>): Promise<unknown> {
  try {
    const value = await doc.read();
    return { value, text: JSON.stringify(value) };
  } catch (error) {
    const e = error as { code?: string; message: string; hint?: string };
    return { code: e.code, message: e.message, hint: e.hint };
  }
}

/**
 * Damage and edits of a stamped file, as people and crashes make them: each must read as the full path
 * reads it. The data-safety tests' cases are among them (`{garbage`, a document cut short, a file from
 * before a default existed, a newer schema version).
 */
function damaged(text: string, fingerprint: string): Record<string, string> {
  const body = stampedBody(text, fingerprint)!;
  const stampLine = text.slice(0, text.indexOf('",\n') + 3);
  return {
    garbage: '{garbage',
    empty: '',
    null: 'null',
    'an array': '[]',
    'cut in half': text.slice(0, Math.floor(text.length / 2)),
    'cut before the last brace': text.slice(0, text.lastIndexOf('}')),
    'one byte short': text.slice(0, -1),
    'without the stamp': body,
    'the stamp line only': stampLine,
    'the stamp of another schema': stampBody(body, '0'.repeat(16)),
    'the stamp of other bytes': text.replace(/:[0-9a-f]{64}"/, `:${'0'.repeat(64)}"`),
    'a stamp without a hash': text.replace(/:[0-9a-f]{64}"/, '"'),
    'a newer schema version, stamp kept': text.replace('"schemaVersion": 1', '"schemaVersion": 2'),
    'a wrong type, stamp kept': text.replace('"schemaVersion": 1', '"schemaVersion": "1"'),
    'a string edited by hand, stamp kept': text.replace(/: "([^"]*)"/, ': "edited $1"'),
    'a number edited by hand, stamp kept': text.replace(/: (\d+)/, ': 1$1'),
    'a number written another way, stamp kept': text.replace('"schemaVersion": 1', '"schemaVersion": 1.0'),
    'a member removed, stamp kept': text.replace(/,\n\s*"supersededBy": [^\n]*/, ''),
    'an unknown member added, stamp kept': `${stampLine}  "extra": true,\n${text.slice(stampLine.length)}`,
    'Windows line endings': text.replaceAll('\n', '\r\n'),
    'a byte-order mark': `\uFEFF${text}`,
    'trailing garbage': `${text}}`,
    'reindented by an editor': JSON.stringify(JSON.parse(text), null, 4),
    'minified by a tool': JSON.stringify(JSON.parse(text)),
    'one bit flipped': (() => {
      const bytes = Buffer.from(text, 'utf8');
      bytes[Math.floor(bytes.length * 0.7)]! ^= 0x04;
      return bytes.toString('latin1');
    })(),
  };
}

describe('the schema fingerprints (store/documents.ts)', () => {
  it.each(KINDS)('$name: the constant is the schema’s own fingerprint', async ({ spec }) => {
    const schema = await spec.load();
    expect(refinements(schema)).toEqual([]);
    expect({ fingerprint: spec.fingerprint }).toEqual({ fingerprint: fingerprintOf(schema) });
  });

  it.each(KINDS)(
    '$name: the JSON Schema constant (document-shapes.ts) is what zod makes of the schema',
    async ({ spec }) => {
      const { $schema: _, ...shape } = z.toJSONSchema(await spec.load(), { io: 'output' });
      expect(spec.shape).toEqual(shape);
    },
  );

  it('tells schemas apart, and sees a changed bound, default or optional member', () => {
    const base = z.object({ n: z.number().int().max(10), s: z.string().default('a') });
    const prints = [
      base,
      z.object({ n: z.number().int().max(11), s: z.string().default('a') }),
      z.object({ n: z.number().int().max(10), s: z.string().default('b') }),
      z.object({ n: z.number().int().max(10), s: z.string() }),
      z.object({ n: z.number().int().max(10).optional(), s: z.string().default('a') }),
      z.strictObject({ n: z.number().int().max(10), s: z.string().default('a') }),
    ].map(fingerprintOf);
    expect(new Set(prints).size).toBe(prints.length);
    expect(new Set(KINDS.map((k) => k.spec.fingerprint)).size).toBe(KINDS.length);
    // And the guard sees what the fingerprint cannot.
    expect(refinements(base.refine(() => true))).toEqual(['refine']);
    expect(refinements(z.object({ s: z.string().transform((s) => s.length) }))).not.toEqual([]);
  });
});

for (const kind of KINDS) {
  describe(`${kind.name}: a stamped read is the zod read`, () => {
    const path = join(scratch.dir, `${kind.name}.json`);
    let loads = 0;
    const counted: StampedSchema<{ schemaVersion: number }> = {
      fingerprint: kind.spec.fingerprint,
      shape: kind.spec.shape,
      load: () => {
        loads += 1;
        return kind.spec.load();
      },
    };
    const stamped = new JsonDocument(path, counted, kind.empty);
    /** Today's path: the same schema, validated on every read. */
    const full = async () => new JsonDocument(path, await kind.spec.load(), kind.empty);

    it(`over ${COUNT} documents as written, and ${COUNT} × every kind of damage`, async () => {
      let cases = 0;
      for (const fixture of kind.fixtures()) {
        rmSync(path, { force: true }); // the last fixture's damage
        loads = 0;
        await stamped.update((doc) => replace(doc, fixture));
        // Written and stamped without zod (shape.ts).
        expect(loads).toBe(0);
        const text = readFileSync(path, 'utf8');
        // Written stamped (so the fast path is what is compared), and what zod returns is what was written.
        expect(stampedBody(text, kind.spec.fingerprint)).toBeDefined();
        loads = 0;
        const fast = await outcome(stamped);
        expect(loads).toBe(0);
        expect(fast).toEqual(await outcome(await full()));
        expect(fast).toEqual({ value: fixture, text: JSON.stringify(fixture) });

        for (const [what, bad] of Object.entries(damaged(text, kind.spec.fingerprint))) {
          writeFileSync(path, bad);
          expect({ what, read: await outcome(stamped) }).toEqual({ what, read: await outcome(await full()) });
          cases += 1;
        }
      }
      expect(cases).toBe(COUNT * 25);
    });

    it('the damaged cases do not read as stamped, and fail as the full path fails', async () => {
      rmSync(path, { force: true });
      await stamped.update((doc) => replace(doc, kind.fixtures()[COUNT - 1]!));
      const text = readFileSync(path, 'utf8');
      const bad = damaged(text, kind.spec.fingerprint);
      for (const what of ['garbage', 'cut in half', 'a newer schema version, stamp kept']) {
        writeFileSync(path, bad[what]!);
        loads = 0;
        await expect(stamped.read()).rejects.toMatchObject({
          code: what.startsWith('a newer') ? 'UNSUPPORTED_SCHEMA' : 'CORRUPT_DATA',
        });
        // Not JSON, or a newer version: refused before the schema is needed, on either path.
        expect(loads).toBe(0);
      }
      // Every change of the bytes (some edits find nothing to change in a small document) loses the stamp.
      for (const [what, content] of Object.entries(bad)) {
        if (content === text) continue;
        expect({ what, stamped: stampedBody(content, kind.spec.fingerprint) }).toEqual({
          what,
          stamped: undefined,
        });
      }
    });
  });
}

describe('what is written unstamped', () => {
  const path = join(scratch.dir, 'unstamped.json');
  const doc = new JsonDocument<SettingsDoc>(path, SETTINGS_DOC, () => ({ schemaVersion: 1, settings: {} }));

  it('a document zod would change (a member it strips): unstamped, and read through zod', async () => {
    await doc.update((d) => {
      (d.settings as Record<string, unknown>).unknownSetting = 1;
    });
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('{\n  "schemaVersion"')).toBe(true);
    expect(await doc.read()).toEqual({ schemaVersion: 1, settings: {} });
  });

  it('a document whose members are out of the schema’s order: written in its order, and stamped', async () => {
    const ui = new JsonDocument<UiStateDoc>(join(scratch.dir, 'reordered.json'), UI_STATE_DOC, () => ({
      schemaVersion: 1,
      expiryNotices: {},
    }));
    await ui.update((d) => {
      d.wizard = { step: 'client' }; // after expiryNotices, where the schema has it before
    });
    const inOrder = { schemaVersion: 1, wizard: { step: 'client' }, expiryNotices: {} };
    const text = readFileSync(ui.path, 'utf8');
    expect(stampedBody(text, UI_STATE_DOC.fingerprint)).toBe(`${JSON.stringify(inOrder, null, 2)}\n`);
    expect(JSON.stringify(await ui.read())).toBe(JSON.stringify(inOrder));
  });

  it('a document zod refuses: unstamped, and the next read reports it, as before stamps', async () => {
    await doc.update((d) => {
      d.settings.refreshMarginSeconds = -5;
    });
    expect(readFileSync(path, 'utf8')).not.toContain('"stamp"');
    await expect(doc.read()).rejects.toMatchObject({
      code: 'CORRUPT_DATA',
      message: expect.stringContaining(
        'the value at settings.refreshMarginSeconds is not what Anchorage writes',
      ),
    });
  });

  it('a plain schema (the passphrase store’s secrets.json) is never stamped', async () => {
    const plain = new JsonDocument<SettingsDoc>(
      join(scratch.dir, 'plain.json'),
      await SETTINGS_DOC.load(),
      () => ({ schemaVersion: 1, settings: {} }),
    );
    await plain.update((d) => {
      d.settings.refreshMarginSeconds = 300;
    });
    expect(readFileSync(plain.path, 'utf8')).toBe(
      `${JSON.stringify({ schemaVersion: 1, settings: { refreshMarginSeconds: 300 } }, null, 2)}\n`,
    );
  });
});

/**
 * The reference for a write's stamp (what document.ts did before shape.ts): zod accepts the value and returns
 * it unchanged; its members then come in the order zod returns them.
 */
async function zodVerdict(spec: StampedSchema<{ schemaVersion: number }>, value: unknown): Promise<unknown> {
  const parsed = (await spec.load()).safeParse(value);
  return parsed.success && isDeepStrictEqual(parsed.data, value) ? JSON.stringify(parsed.data) : undefined;
}

const shapeVerdict = (spec: StampedSchema<{ schemaVersion: number }>, value: unknown): unknown => {
  const ordered = inSchemaOrder(value, spec.shape);
  return ordered === undefined ? undefined : JSON.stringify(ordered);
};

/** Every member path of a JSON value (objects and arrays), the root included. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const here = [at];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => paths(v, [...at, i]))];
  if (value && typeof value === 'object')
    return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...at, k]))];
  return here;
}

/** A copy of `value` with `edit` applied to the container of `path` and its last key. */
function edited(
  value: unknown,
  path: (string | number)[],
  edit: (parent: Record<string | number, unknown>, key: string | number) => void,
): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  edit(parent, path[path.length - 1]!);
  return copy;
}

/** What people, older versions and bugs put in a document: every kind of value, and members gone or added. */
const REPLACEMENTS: unknown[] = [
  null,
  0,
  -1,
  1.5,
  7,
  599,
  601,
  3600,
  3601,
  2 ** 53,
  -(2 ** 53),
  1e300,
  '',
  'x'.repeat(300),
  'ca',
  'client',
  'ec-p256',
  'done',
  true,
  false,
  [],
  [1],
  ['s'],
  {},
  { a: 1 },
];

describe('a write is stamped exactly when zod would stamp it (shape.ts against zod)', () => {
  for (const kind of KINDS) {
    it(`${kind.name}: over ${COUNT} documents and every edit of every member`, async () => {
      let cases = 0;
      let stampedCases = 0;
      for (const fixture of kind.fixtures()) {
        const variants: unknown[] = [fixture];
        for (const path of paths(fixture)) {
          if (path.length === 0) continue;
          for (const value of REPLACEMENTS) variants.push(edited(fixture, path, (p, k) => (p[k] = value)));
          variants.push(
            edited(fixture, path, (p, k) => (Array.isArray(p) ? p.splice(Number(k), 1) : delete p[k])),
          );
          variants.push(
            edited(fixture, path, (p) => {
              if (!Array.isArray(p)) p.unknownMember = 1;
            }),
          );
          variants.push(
            edited(fixture, path, (p) => {
              // An own "__proto__" member, as JSON.parse makes one (an assignment would set the prototype).
              if (!Array.isArray(p)) {
                const options = { value: 1, enumerable: true, writable: true, configurable: true };
                Object.defineProperty(p, '__proto__', options);
              }
            }),
          );
        }
        variants.push(JSON.parse(JSON.stringify(fixture).replace('{', '{"__proto__":{},')));
        for (const variant of variants) {
          const expected = await zodVerdict(kind.spec, variant);
          expect({ variant, verdict: shapeVerdict(kind.spec, variant) }).toEqual({
            variant,
            verdict: expected,
          });
          cases += 1;
          if (expected !== undefined) stampedCases += 1;
        }
      }
      // Both answers occur often: the comparison is not one-sided.
      expect(stampedCases).toBeGreaterThan(COUNT);
      expect(cases - stampedCases).toBeGreaterThan(COUNT * 10);
    });
  }

  it('a schema keyword shape.ts does not know, or a catchall, answers "no" (unstamped, validated by zod on read)', () => {
    expect(inSchemaOrder('x', { type: 'string', pattern: '^x$' } as never)).toBeUndefined();
    expect(
      inSchemaOrder({ a: 1 }, { properties: { a: { type: 'integer' } }, additionalProperties: false }),
    ).toBeUndefined();
    expect(
      inSchemaOrder(
        { a: 1, b: 2 },
        { type: 'object', properties: { a: { type: 'integer' } }, additionalProperties: { type: 'integer' } },
      ),
    ).toBeUndefined();
    expect(
      inSchemaOrder(
        { b: 1, a: 2 },
        {
          type: 'object',
          properties: { a: { type: 'integer' }, b: { type: 'integer' } },
          required: ['a', 'b'],
          additionalProperties: false,
        },
      ),
    ).toEqual({ a: 2, b: 1 });
  });
});

import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SORT,
  EMPTY_QUERY,
  descendants,
  expiringSoon,
  issuerLabel,
  listRows,
  matchesQuery,
  profilesDependingOn,
  renewBlocker,
  treeRows,
  unrevokedIssued,
  validityDays,
} from '../../../renderer/certificate-relations';
import { expiryPhrase, quotedList } from '../../../renderer/format';
import type { CertificateSummary } from '../../../shared/schemas/models';
import { fakeCert } from './fake-bridge';

const DAY = 86_400_000;
const now = Date.parse('2026-06-01T12:00:00Z');
const expiresIn = (days: number) => new Date(now + days * DAY).toISOString();

/** A root CA, an intermediate under it, and client certificates under each; one from outside Anchorage. */
function family() {
  const root = fakeCert({ kind: 'ca', name: 'Root', subject: 'CN=Root', issuer: 'CN=Root' });
  const inter = fakeCert({
    kind: 'ca',
    name: 'Inter',
    subject: 'CN=Inter',
    issuer: 'CN=Root',
    issuerId: root.id,
  });
  const a = fakeCert({ name: 'alpha', issuerId: root.id, issuer: 'CN=Root' });
  const b = fakeCert({ name: 'beta', issuerId: inter.id, issuer: 'CN=Inter', status: 'revoked' });
  const outside = fakeCert({ name: 'stray', issuerId: null, issuer: 'CN=Elsewhere CA' });
  return { root, inter, a, b, outside, all: [outside, b, a, inter, root] };
}

const names = (rows: Array<{ cert: CertificateSummary; depth: number }>) =>
  rows.map((r) => `${'  '.repeat(r.depth)}${r.cert.name}`);

describe('certificate relations', () => {
  it('names the issuer: a CA in Anchorage by name, a root as self-signed, anything else by its DN', () => {
    const { root, inter, a, outside, all } = family();
    const byId = new Map(all.map((c) => [c.id, c]));
    expect(issuerLabel(a, byId)).toEqual({ text: 'Root', inAnchorage: true });
    expect(issuerLabel(inter, byId)).toEqual({ text: 'Root', inAnchorage: true });
    expect(issuerLabel(root, byId)).toEqual({ text: 'Self-signed', inAnchorage: true });
    expect(issuerLabel(outside, byId)).toEqual({ text: 'CN=Elsewhere CA', inAnchorage: false });
  });

  it('finds what a CA issued, through intermediates, and what a delete would leave without an issuer', () => {
    const { root, inter, a, b, all } = family();
    expect(descendants(root, all).map((c) => c.name)).toEqual(['alpha', 'Inter', 'beta']);
    // Core refuses to orphan unrevoked ones without force; the revoked one does not count.
    expect(unrevokedIssued(root, all).map((c) => c.name)).toEqual(['alpha', 'Inter']);
    expect(unrevokedIssued(inter, all)).toEqual([]);
    const profiles = [
      { name: 'p-alpha', certificateId: a.id },
      { name: 'p-beta', certificateId: b.id },
    ];
    expect(profilesDependingOn(root, all, profiles)).toEqual(['p-alpha', 'p-beta']);
    expect(profilesDependingOn(a, all, profiles)).toEqual(['p-alpha']);
  });

  it('searches name, CN, subject and serial (hex with or without colons, or decimal)', () => {
    const cert = fakeCert({
      name: 'Build agent',
      commonName: 'agent-7.example.com',
      subject: 'CN=agent-7.example.com, O=Example Corp',
      serialHex: '4f:a2:19:c0',
      serialNumber: '1336023488',
    });
    const q = (text: string) => matchesQuery(cert, { ...EMPTY_QUERY, text });
    expect(q('build')).toBe(true);
    expect(q('AGENT-7')).toBe(true);
    expect(q('example corp')).toBe(true);
    expect(q('4fa219')).toBe(true);
    expect(q('a2:19')).toBe(true);
    expect(q('1336023')).toBe(true);
    expect(q('nothing')).toBe(false);
    expect(matchesQuery(cert, { ...EMPTY_QUERY, kind: 'ca' })).toBe(false);
    expect(matchesQuery(cert, { ...EMPTY_QUERY, status: 'revoked' })).toBe(false);
    expect(matchesQuery(cert, { ...EMPTY_QUERY, status: 'valid', kind: 'client' })).toBe(true);
  });

  it('sorts by name with CAs first, or by expiry whatever the kind', () => {
    const x = fakeCert({ name: 'x', notAfter: expiresIn(5) });
    const y = fakeCert({ name: 'y', kind: 'ca', notAfter: expiresIn(50) });
    const z = fakeCert({ name: 'a', notAfter: expiresIn(500) });
    expect(names(listRows([x, y, z], EMPTY_QUERY, DEFAULT_SORT))).toEqual(['y', 'a', 'x']);
    expect(names(listRows([x, y, z], EMPTY_QUERY, { by: 'name', direction: 'desc' }))).toEqual([
      'y',
      'x',
      'a',
    ]);
    expect(names(listRows([x, y, z], EMPTY_QUERY, { by: 'expiry', direction: 'asc' }))).toEqual([
      'x',
      'y',
      'a',
    ]);
    expect(names(listRows([x, y, z], EMPTY_QUERY, { by: 'expiry', direction: 'desc' }))).toEqual([
      'a',
      'y',
      'x',
    ]);
  });

  it('shows the hierarchy with intermediates nested, and keeps the issuers of a match in view', () => {
    const { all } = family();
    expect(names(treeRows(all, EMPTY_QUERY, DEFAULT_SORT))).toEqual([
      'Root',
      '  Inter',
      '    beta',
      '  alpha',
      'stray',
    ]);
    expect(names(treeRows(all, { ...EMPTY_QUERY, text: 'beta' }, DEFAULT_SORT))).toEqual([
      'Root',
      '  Inter',
      '    beta',
    ]);
    expect(names(treeRows(all, { ...EMPTY_QUERY, kind: 'ca' }, DEFAULT_SORT))).toEqual(['Root', '  Inter']);
  });

  it('says why a certificate cannot be renewed here', () => {
    const { root, a, outside, all } = family();
    const keyless = fakeCert({ kind: 'ca', name: 'Imported', hasPrivateKey: false });
    const child = fakeCert({ name: 'child', issuerId: keyless.id });
    const byId = new Map([...all, keyless, child].map((c) => [c.id, c]));
    expect(renewBlocker(a, byId)).toBeUndefined();
    expect(renewBlocker(root, byId)).toBeUndefined();
    expect(renewBlocker(outside, byId)).toMatch(/outside Anchorage/);
    expect(renewBlocker(keyless, byId)).toMatch(/no private key/);
    expect(renewBlocker(child, byId)).toBe('Anchorage holds no private key for its CA “Imported”.');
    expect(renewBlocker({ ...a, status: 'superseded' }, byId)).toMatch(/Already renewed/);
  });

  it('keeps the validity of the old certificate for its renewal', () => {
    const cert = fakeCert({ notBefore: expiresIn(-10), notAfter: expiresIn(355) });
    expect(validityDays(cert)).toBe(365);
  });

  it('lists what expires within 30 days, and expired ones still in use, soonest first and grouped', () => {
    const ca = fakeCert({ kind: 'ca', name: 'ca', notAfter: expiresIn(20) });
    const in5 = fakeCert({ name: 'in5', issuerId: ca.id, notAfter: expiresIn(5) });
    const in200 = fakeCert({ name: 'in200', notAfter: expiresIn(200) });
    const gone = fakeCert({ name: 'gone', status: 'expired', notAfter: expiresIn(-3) });
    const goneUnused = fakeCert({ name: 'gone-unused', status: 'expired', notAfter: expiresIn(-1) });
    const revoked = fakeCert({ name: 'revoked', status: 'revoked', notAfter: expiresIn(2) });
    const superseded = fakeCert({ name: 'old', status: 'superseded', notAfter: expiresIn(3) });
    const items = expiringSoon(
      [in200, ca, revoked, goneUnused, superseded, in5, gone],
      [
        { name: 'p1', certificateId: gone.id },
        { name: 'p2', certificateId: in5.id },
      ],
      now,
    );
    expect(items.map((i) => [i.cert.name, i.group, i.usedBy])).toEqual([
      ['gone', 'expired', ['p1']],
      ['in5', 'week', ['p2']],
      ['ca', 'month', ['p2']],
    ]);
  });

  it('words lists of names and expiry for sentences', () => {
    expect(quotedList([])).toBe('');
    expect(quotedList(['a'])).toBe('“a”');
    expect(quotedList(['a', 'b'])).toBe('“a” and “b”');
    expect(quotedList(['a', 'b', 'c'])).toBe('“a”, “b” and “c”');
    expect(expiryPhrase(expiresIn(5), now)).toBe('Expires in 5 days');
    expect(expiryPhrase(expiresIn(-3), now)).toBe('Expired 3 days ago');
    expect(expiryPhrase(new Date(now + 3_600_000).toISOString(), now)).toBe('Expires today');
    expect(expiryPhrase(new Date(now - 3_600_000).toISOString(), now)).toBe('Expired today');
  });
});

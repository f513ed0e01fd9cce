import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { ProfileOverview } from '../../../shared/schemas/models';
import {
  TRAY_PROFILE_LIMIT,
  certificateProblem,
  sessionLabel,
  trayMenuTemplate,
} from '../../../main/tray-menu';
import type { TrayMenuInput, TrayPage } from '../../../main/tray-menu';

const NOW = new Date('2030-03-01T12:00:00Z');
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
const MIN = 60_000;

function profile(name: string, overrides: Partial<ProfileOverview> = {}): ProfileOverview {
  return {
    name,
    certificateId: 'crt-0123456789ab',
    trustAnchorArn: 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/a',
    profileArn: 'arn:aws:rolesanywhere:us-east-1:123456789012:profile/b',
    roleArn: 'arn:aws:iam::123456789012:role/r',
    region: 'us-east-1',
    durationSeconds: 3600,
    createdAt: '2030-01-01T00:00:00Z',
    certificateName: 'workload',
    certificateStatus: 'valid',
    session: { state: 'none' },
    ...overrides,
  };
}

/** The template with recording callbacks. */
function build(profiles: ProfileOverview[], extra: Partial<TrayMenuInput> = {}) {
  const copied: string[] = [];
  const opened: Array<TrayPage | undefined> = [];
  let quit = 0;
  const items = trayMenuTemplate({
    profiles,
    now: NOW,
    onCopyEnv: (p) => copied.push(p),
    onOpen: (page) => opened.push(page),
    onQuit: () => quit++,
    ...extra,
  });
  return { items, copied, opened, quits: () => quit };
}

const labels = (items: MenuItemConstructorOptions[]) =>
  items.map((item) => (item.type === 'separator' ? '---' : item.label));
const click = (item: MenuItemConstructorOptions | undefined) => (item!.click as unknown as () => void)();
const submenu = (item: MenuItemConstructorOptions | undefined) =>
  item!.submenu as MenuItemConstructorOptions[];

describe('tray menu: session state', () => {
  it('words the session: minutes, hours, expired, none', () => {
    expect(sessionLabel({ state: 'none' }, NOW)).toBe('no session');
    expect(sessionLabel({ state: 'expired', expiredAt: at(-MIN) }, NOW)).toBe('session expired');
    expect(sessionLabel({ state: 'cached', expiresAt: at(42 * MIN + 30_000) }, NOW)).toBe(
      'session 42 min left',
    );
    expect(sessionLabel({ state: 'cached', expiresAt: at(59 * MIN + 59_999) }, NOW)).toBe(
      'session 59 min left',
    );
    expect(sessionLabel({ state: 'cached', expiresAt: at(60 * MIN) }, NOW)).toBe('session 1 h 00 min left');
    expect(sessionLabel({ state: 'cached', expiresAt: at(125 * MIN) }, NOW)).toBe('session 2 h 05 min left');
    expect(sessionLabel({ state: 'cached', expiresAt: at(12 * 60 * MIN) }, NOW)).toBe(
      'session 12 h 00 min left',
    );
    expect(sessionLabel({ state: 'cached', expiresAt: at(59_000) }, NOW)).toBe('session under 1 min left');
  });

  it('a cached session whose time has passed since core looked reads as expired', () => {
    expect(sessionLabel({ state: 'cached', expiresAt: at(0) }, NOW)).toBe('session expired');
    expect(sessionLabel({ state: 'cached', expiresAt: at(-5 * MIN) }, NOW)).toBe('session expired');
    expect(sessionLabel({ state: 'cached', expiresAt: 'not a date' }, NOW)).toBe('session expired');
  });
});

describe('tray menu: template', () => {
  it('lists each profile with its session state, then Open Anchorage, then Quit', () => {
    const { items } = build([
      profile('prod', { session: { state: 'cached', expiresAt: at(42 * MIN) } }),
      profile('staging', { session: { state: 'expired', expiredAt: at(-MIN) } }),
      profile('dev'),
    ]);
    expect(labels(items)).toEqual([
      'prod — session 42 min left',
      'staging — session expired',
      'dev — no session',
      '---',
      'Open Anchorage',
      '---',
      'Quit Anchorage',
    ]);
    expect(items[0]!.toolTip).toBe('prod');
    expect(items[0]!.id).toBe('profile:prod');
  });

  it('keeps the order core gives (the order of the Credentials page)', () => {
    const { items } = build([profile('zeta'), profile('alpha'), profile('mid')]);
    expect(labels(items).slice(0, 3)).toEqual([
      'zeta — no session',
      'alpha — no session',
      'mid — no session',
    ]);
  });

  it('"Copy as env" calls back with its own profile name', () => {
    const { items, copied } = build([profile('prod'), profile('dev')]);
    expect(submenu(items[1]).map((i) => i.label)).toEqual(['Copy as env']);
    click(submenu(items[1])[0]);
    click(submenu(items[0])[0]);
    expect(copied).toEqual(['dev', 'prod']);
  });

  it('"Copy as env" is enabled whatever the session state: copying fetches a new session', () => {
    const { items } = build([
      profile('a', { session: { state: 'cached', expiresAt: at(MIN * 5) } }),
      profile('b', { session: { state: 'expired', expiredAt: at(-MIN) } }),
      profile('c', { certificateStatus: 'expiring' }),
      profile('d', { certificateStatus: 'superseded' }),
    ]);
    for (const item of items.slice(0, 4)) expect(submenu(item)[0]!.enabled, item.label).toBe(true);
  });

  it('a profile whose certificate cannot sign has "Copy as env" disabled, and says why', () => {
    const { items, opened } = build([
      profile('revoked', { certificateStatus: 'revoked' }),
      profile('gone', { certificateStatus: 'missing' }),
      profile('old', { certificateStatus: 'expired' }),
      profile('early', { certificateStatus: 'not-yet-valid' }),
    ]);
    const expected = [
      'Its certificate is revoked: open Anchorage to fix it',
      'Its certificate was deleted: open Anchorage to fix it',
      'Its certificate has expired: open Anchorage to fix it',
      'Its certificate is not valid yet: open Anchorage to fix it',
    ];
    items.slice(0, 4).forEach((item, i) => {
      const sub = submenu(item);
      expect(sub[0]).toMatchObject({ label: 'Copy as env', enabled: false });
      expect(sub[1]!.type).toBe('separator');
      expect(sub[2]!.label).toBe(expected[i]);
    });
    click(submenu(items[0])[2]);
    expect(opened).toEqual(['credentials']);
    expect(certificateProblem('valid')).toBeUndefined();
    expect(certificateProblem('expiring')).toBeUndefined();
  });

  it('"Open Anchorage" opens the window where it was; Quit quits', () => {
    const { items, opened, quits } = build([profile('prod')]);
    click(items.find((i) => i.id === 'open'));
    expect(opened).toEqual([undefined]);
    click(items.find((i) => i.id === 'quit'));
    expect(quits()).toBe(1);
  });

  it('empty state: one item that opens the setup wizard', () => {
    const { items, opened } = build([]);
    expect(labels(items)).toEqual([
      'No profiles yet — open the setup wizard',
      '---',
      'Open Anchorage',
      '---',
      'Quit Anchorage',
    ]);
    expect(items[0]!.enabled).not.toBe(false);
    click(items[0]);
    expect(opened).toEqual(['wizard']);
  });

  it('unreadable profiles: says so, never "No profiles yet"', () => {
    const { items, opened } = build([], { unavailable: true });
    expect(labels(items)[0]).toBe('Profiles could not be read — open Anchorage');
    expect(labels(items)).not.toContain('No profiles yet — open the setup wizard');
    click(items[0]);
    expect(opened).toEqual(['credentials']);
  });

  it(`shows at most ${TRAY_PROFILE_LIMIT} profiles, then "N more…" that opens Credentials`, () => {
    const many = Array.from({ length: 25 }, (_, i) => profile(`p${String(i).padStart(2, '0')}`));
    const { items, opened } = build(many);
    const profileItems = items.filter((i) => i.id?.startsWith('profile:'));
    expect(profileItems).toHaveLength(TRAY_PROFILE_LIMIT);
    expect(profileItems.map((i) => i.toolTip)).toEqual(many.slice(0, TRAY_PROFILE_LIMIT).map((p) => p.name));
    const more = items.find((i) => i.id === 'more')!;
    expect(more.label).toBe(`${25 - TRAY_PROFILE_LIMIT} more…`);
    expect(items.indexOf(more)).toBe(TRAY_PROFILE_LIMIT);
    click(more);
    expect(opened).toEqual(['credentials']);
    expect(labels(items).slice(-4)).toEqual(['---', 'Open Anchorage', '---', 'Quit Anchorage']);
  });

  it('exactly the limit shows no "more" item; a custom limit is honoured', () => {
    const ten = Array.from({ length: TRAY_PROFILE_LIMIT }, (_, i) => profile(`p${i}`));
    expect(build(ten).items.find((i) => i.id === 'more')).toBeUndefined();
    const { items } = build(ten, { limit: 3 });
    expect(items.filter((i) => i.id?.startsWith('profile:'))).toHaveLength(3);
    expect(items.find((i) => i.id === 'more')!.label).toBe(`${TRAY_PROFILE_LIMIT - 3} more…`);
  });

  it('a long name is cut with an ellipsis in the label, whole in the tooltip and the callback', () => {
    const long = `prod-${'x'.repeat(59)}`;
    const { items, copied } = build([profile(long)]);
    const label = items[0]!.label!;
    expect(label.startsWith(`${long.slice(0, 39)}… — `)).toBe(true);
    expect(items[0]!.toolTip).toBe(long);
    click(submenu(items[0])[0]);
    expect(copied).toEqual([long]);
  });

  it('an ampersand in a label is shown, not taken as an access key', () => {
    // Profile names cannot hold "&" today; the label escape keeps a future name rule from turning it into one.
    const { items } = build([profile('r&d')]);
    expect(items[0]!.label).toBe('r&&d — no session');
  });
});

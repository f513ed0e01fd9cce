import type { MenuItemConstructorOptions } from 'electron';
import type { ProfileOverview } from '../shared/schemas/models';

/**
 * The tray / menu-bar menu (issue 10 §4): each profile with its session state and "Copy as env", then
 * "Open Anchorage" and "Quit". Built from data and callbacks only (no core, no electron at run time), so the
 * template is unit-tested as the constant main/tray.ts hands to `Menu.buildFromTemplate`.
 */

/** Profiles shown before the rest collapse into "N more…" (a tray menu taller than the screen scrolls badly). */
export const TRAY_PROFILE_LIMIT = 10;

/** Longer profile names are cut with an ellipsis; the full list is in the window. */
const LABEL_NAME_MAX = 40;

/** The pages a tray item can open the window on (renderer/pages.ts keys). */
export type TrayPage = 'wizard' | 'credentials';

export interface TrayMenuInput {
  profiles: readonly ProfileOverview[];
  /** The profiles could not be read (the data directory is unreadable): say so instead of "no profiles". */
  unavailable?: boolean;
  now: Date;
  /** "Copy as env" of a profile: main copies its credentials as `export` lines (session.copy). */
  onCopyEnv(profile: string): void;
  /** Show the window (creating it if needed), on `page` when given. */
  onOpen(page?: TrayPage): void;
  onQuit(): void;
  /** At most this many profiles (default {@link TRAY_PROFILE_LIMIT}). */
  limit?: number;
}

/** "session 42 min left", "session 1 h 05 min left", "session expired", "no session". */
export function sessionLabel(session: ProfileOverview['session'], now: Date): string {
  if (session.state === 'none') return 'no session';
  if (session.state === 'expired') return 'session expired';
  const left = Date.parse(session.expiresAt) - now.getTime();
  if (!(left > 0)) return 'session expired';
  const minutes = Math.floor(left / 60_000);
  if (minutes < 1) return 'session under 1 min left';
  if (minutes < 60) return `session ${minutes} min left`;
  return `session ${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min left`;
}

/** Why "Copy as env" cannot work for a profile, or undefined when it can (core would refuse these). */
export function certificateProblem(status: ProfileOverview['certificateStatus']): string | undefined {
  switch (status) {
    case 'revoked':
      return 'Its certificate is revoked';
    case 'expired':
      return 'Its certificate has expired';
    case 'not-yet-valid':
      return 'Its certificate is not valid yet';
    case 'missing':
      return 'Its certificate was deleted';
    default:
      return undefined;
  }
}

/** A name as a menu label: cut to length, and `&` doubled (Windows and Linux read `&x` as an access key). */
function menuText(text: string): string {
  const cut = text.length > LABEL_NAME_MAX ? `${text.slice(0, LABEL_NAME_MAX - 1)}…` : text;
  return cut.replace(/&/g, '&&');
}

function profileItem(profile: ProfileOverview, input: TrayMenuInput): MenuItemConstructorOptions {
  const problem = certificateProblem(profile.certificateStatus);
  const submenu: MenuItemConstructorOptions[] = [
    {
      label: 'Copy as env',
      // The credentials go to the clipboard from main and are cleared after the delay (session.copy).
      enabled: problem === undefined,
      click: () => input.onCopyEnv(profile.name),
    },
  ];
  if (problem) {
    submenu.push(
      { type: 'separator' },
      { label: `${problem}: open Anchorage to fix it`, click: () => input.onOpen('credentials') },
    );
  }
  return {
    id: `profile:${profile.name}`,
    label: `${menuText(profile.name)} — ${sessionLabel(profile.session, input.now)}`,
    toolTip: profile.name,
    submenu,
  };
}

/** The menu template, in this order: profiles (or the empty or unreadable state), Open Anchorage, Quit. */
export function trayMenuTemplate(input: TrayMenuInput): MenuItemConstructorOptions[] {
  const limit = Math.max(1, input.limit ?? TRAY_PROFILE_LIMIT);
  const items: MenuItemConstructorOptions[] = [];
  if (input.unavailable) {
    items.push({
      id: 'unavailable',
      label: 'Profiles could not be read — open Anchorage',
      click: () => input.onOpen('credentials'),
    });
  } else if (input.profiles.length === 0) {
    items.push({
      id: 'empty',
      label: 'No profiles yet — open the setup wizard',
      click: () => input.onOpen('wizard'),
    });
  } else {
    for (const profile of input.profiles.slice(0, limit)) items.push(profileItem(profile, input));
    const rest = input.profiles.length - limit;
    if (rest > 0) {
      items.push({
        id: 'more',
        label: `${rest} more…`,
        click: () => input.onOpen('credentials'),
      });
    }
  }
  items.push(
    { type: 'separator' },
    { id: 'open', label: 'Open Anchorage', click: () => input.onOpen() },
    { type: 'separator' },
    { id: 'quit', label: 'Quit Anchorage', click: () => input.onQuit() },
  );
  return items;
}

import { fireEvent, screen, within } from '@testing-library/react';
import type { Result } from '../../../shared/schemas/contract';
import { TESTIDS } from '../../../renderer/testids';

/** A bridge answer that succeeds with `value`. */
export const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });

/** Click a control the way a user does: it has the focus when the click lands. */
export function press(el: HTMLElement): void {
  el.focus();
  fireEvent.click(el);
}

/** Open the drawer of `name` from its name button in the certificates table (the keyboard path); returns it. */
export async function openDrawer(name: string): Promise<HTMLElement> {
  const table = await screen.findByTestId(TESTIDS.certTable);
  fireEvent.click(within(table).getByRole('button', { name: `${name}: show details` }));
  return screen.findByTestId(TESTIDS.certDrawer);
}

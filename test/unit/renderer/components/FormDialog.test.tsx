import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import ConfirmDialog from '../../../../renderer/components/ConfirmDialog';
import FormDialog from '../../../../renderer/components/FormDialog';
import { createFakeBridge } from '../fake-bridge';
import { renderWithApp } from '../render';

afterEach(cleanup);

const noop = () => undefined;

describe('FormDialog and ConfirmDialog (issue 10 §7)', () => {
  it('names the form dialog by its title and puts the focus on its first field', async () => {
    renderWithApp(
      <FormDialog open title="New certificate authority" onClose={noop}>
        <input aria-label="Name" />
        <input aria-label="Common name" />
      </FormDialog>,
      createFakeBridge().bridge,
    );
    screen.getByRole('dialog', { name: 'New certificate authority' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Name')));
  });

  it('leaves the focus where the form put it itself', async () => {
    renderWithApp(
      <FormDialog open title="Add a profile" onClose={noop}>
        <input aria-label="Name" />
        <input aria-label="Role ARN" autoFocus />
      </FormDialog>,
      createFakeBridge().bridge,
    );
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Role ARN')));
  });

  it('confirms with Cancel focused, names what it affects, and can wait for an explicit yes', async () => {
    let confirmed = 0;
    renderWithApp(
      <ConfirmDialog
        open
        title="Delete “Root”?"
        text="This cannot be undone."
        confirmLabel="Delete anyway"
        onConfirm={() => (confirmed += 1)}
        onCancel={noop}
        confirmDisabled
      >
        <p>It issued 2 certificates.</p>
      </ConfirmDialog>,
      createFakeBridge().bridge,
    );
    const dialog = screen.getByRole('dialog', { name: 'Delete “Root”?' });
    expect(dialog.textContent).toContain('It issued 2 certificates.');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' })));
    const confirm = screen.getByRole('button', { name: 'Delete anyway' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    cleanup();
    renderWithApp(
      <ConfirmDialog
        open
        title="Delete “Root”?"
        text="This cannot be undone."
        confirmLabel="Delete anyway"
        onConfirm={() => (confirmed += 1)}
        onCancel={noop}
        busy
      />,
      createFakeBridge().bridge,
    );
    const busy = screen.getByRole('button', { name: 'Delete anyway' }) as HTMLButtonElement;
    // Busy: not `disabled` (that would drop the focus), but a click does nothing.
    expect(busy.disabled).toBe(false);
    expect(busy.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(busy);
    expect(confirmed).toBe(0);
  });
});

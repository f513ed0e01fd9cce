import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import ExportDialog from '../../../../renderer/components/ExportDialog';
import { TESTIDS } from '../../../../renderer/testids';
import { callsOf, createFakeBridge, fakeCert } from '../fake-bridge';
import { renderWithApp } from '../render';

afterEach(cleanup);

const submit = () => screen.getByTestId(TESTIDS.exportSubmit) as HTMLButtonElement;

describe('ExportDialog', () => {
  it("exports a CA's PFX only after the user ticks that the private key is included (issue 9 §4)", async () => {
    const { bridge, calls } = createFakeBridge();
    const ca = fakeCert({ kind: 'ca', name: 'root', hasPrivateKey: true });
    renderWithApp(<ExportDialog cert={ca} open onClose={() => undefined} initialFormat="pfx" />, bridge);
    expect(submit().disabled).toBe(true);
    fireEvent.click(screen.getByTestId(TESTIDS.exportIncludeCaKey));
    expect(submit().disabled).toBe(false);
    fireEvent.click(submit());
    await waitFor(() => expect(callsOf(calls, 'certExport')).toHaveLength(1));
    expect(callsOf(calls, 'certExport')[0]).toMatchObject({
      ref: ca.id,
      format: 'pfx',
      includePrivateKey: true,
    });
  });

  it('is named by its title and puts the focus on the chosen format (issue 10 §7)', async () => {
    renderWithApp(
      <ExportDialog cert={fakeCert({ name: 'agent' })} open onClose={() => undefined} initialFormat="pfx" />,
      createFakeBridge().bridge,
    );
    screen.getByRole('dialog', { name: 'Export “agent”' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId(TESTIDS.exportFormat('pfx'))));
  });

  it('asks nothing extra for a client certificate, or for a CA certificate without its key', async () => {
    const { bridge, calls } = createFakeBridge();
    renderWithApp(
      <ExportDialog cert={fakeCert()} open onClose={() => undefined} initialFormat="pfx" />,
      bridge,
    );
    expect(screen.queryByTestId(TESTIDS.exportIncludeCaKey)).toBeNull();
    fireEvent.click(submit());
    await waitFor(() => expect(callsOf(calls, 'certExport')).toHaveLength(1));
    expect(callsOf(calls, 'certExport')[0]).not.toHaveProperty('includePrivateKey');
    cleanup();

    renderWithApp(
      <ExportDialog cert={fakeCert({ kind: 'ca' })} open onClose={() => undefined} initialFormat="pem" />,
      createFakeBridge().bridge,
    );
    expect(screen.queryByTestId(TESTIDS.exportIncludeCaKey)).toBeNull();
    expect(submit().disabled).toBe(false);
  });
});

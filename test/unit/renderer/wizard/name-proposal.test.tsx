import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import CreateCaForm from '../../../../renderer/components/CreateCaForm';
import IssueCertForm from '../../../../renderer/components/IssueCertForm';
import { TESTIDS } from '../../../../renderer/testids';
import { callsOf, createFakeBridge, fakeCert } from '../fake-bridge';
import { renderWithApp } from '../render';

afterEach(cleanup);

const value = (id: string) => (screen.getByTestId(id) as HTMLInputElement).value;
const enabled = (id: string) => !(screen.getByTestId(id) as HTMLButtonElement).disabled;

describe('default names never collide (issue 10 §1)', () => {
  it('CreateCaForm proposes the next free CA name, ignoring case, and sends it', async () => {
    const { bridge, calls } = createFakeBridge({
      certs: [fakeCert({ kind: 'ca', name: 'anchorage root ca' }), fakeCert({ name: 'Anchorage Root CA-2' })],
    });
    renderWithApp(<CreateCaForm onCreated={() => undefined} />, bridge);
    await waitFor(() => expect(value(TESTIDS.caName)).toBe('Anchorage Root CA-3'));
    expect(enabled(TESTIDS.caCreate)).toBe(true);
    fireEvent.click(screen.getByTestId(TESTIDS.caCreate));
    await waitFor(() => expect(callsOf(calls, 'caCreate')).toHaveLength(1));
    expect(callsOf(calls, 'caCreate')[0]).toMatchObject({
      name: 'Anchorage Root CA-3',
      subject: { commonName: 'Anchorage Root CA-3' },
    });
  });

  it('CreateCaForm keeps the base name when it is free, and marks a taken name typed by hand', async () => {
    const { bridge } = createFakeBridge({ certs: [fakeCert({ kind: 'ca', name: 'Team CA' })] });
    renderWithApp(<CreateCaForm onCreated={() => undefined} />, bridge);
    await waitFor(() => expect(enabled(TESTIDS.caCreate)).toBe(true));
    expect(value(TESTIDS.caName)).toBe('Anchorage Root CA');
    fireEvent.change(screen.getByTestId(TESTIDS.caName), { target: { value: 'team ca' } });
    expect(screen.getByText('A certificate named “team ca” exists; choose another name.')).toBeTruthy();
    expect(enabled(TESTIDS.caCreate)).toBe(false);
  });

  it('IssueCertForm proposes "workload-2" when "workload" is taken, and follows the CN until a name is typed', async () => {
    const ca = fakeCert({ kind: 'ca', name: 'Team CA' });
    const { bridge, calls } = createFakeBridge({
      certs: [ca, fakeCert({ name: 'workload', issuerId: ca.id })],
    });
    renderWithApp(<IssueCertForm cas={[ca]} onIssued={() => undefined} />, bridge);
    await waitFor(() => expect(value(TESTIDS.clientName)).toBe('workload-2'));
    expect(value(TESTIDS.clientCn)).toBe('workload');
    expect(screen.getByText('“workload” is taken, so Anchorage proposes “workload-2”.')).toBeTruthy();

    fireEvent.change(screen.getByTestId(TESTIDS.clientCn), { target: { value: 'build-agent' } });
    expect(value(TESTIDS.clientName)).toBe('build-agent');
    fireEvent.change(screen.getByTestId(TESTIDS.clientCn), { target: { value: 'workload' } });
    fireEvent.click(screen.getByTestId(TESTIDS.certIssue));
    await waitFor(() => expect(callsOf(calls, 'certIssue')).toHaveLength(1));
    expect(callsOf(calls, 'certIssue')[0]).toMatchObject({
      ca: ca.id,
      name: 'workload-2',
      subject: { commonName: 'workload' },
    });
  });

  it('IssueCertForm refuses a taken name typed by hand before sending it', async () => {
    const ca = fakeCert({ kind: 'ca' });
    const { bridge, calls } = createFakeBridge({ certs: [ca, fakeCert({ name: 'Prod' })] });
    renderWithApp(<IssueCertForm cas={[ca]} onIssued={() => undefined} />, bridge);
    await waitFor(() => expect(enabled(TESTIDS.certIssue)).toBe(true));
    fireEvent.change(screen.getByTestId(TESTIDS.clientName), { target: { value: 'prod' } });
    expect(screen.getByText('A certificate named “prod” exists; choose another name.')).toBeTruthy();
    expect(enabled(TESTIDS.certIssue)).toBe(false);
    fireEvent.submit(screen.getByTestId(TESTIDS.clientName).closest('form') as HTMLFormElement);
    expect(callsOf(calls, 'certIssue')).toHaveLength(0);
  });
});

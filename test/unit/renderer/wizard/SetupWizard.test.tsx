import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import SetupWizard from '../../../../renderer/wizard/SetupWizard';
import { TESTIDS } from '../../../../renderer/testids';
import { callsOf, createFakeBridge } from '../fake-bridge';
import { renderWithApp } from '../render';

const TA = 'arn:aws:rolesanywhere:eu-west-1:123456789012:trust-anchor/1cb4e36e-e4ad-4bbb-9b37-fdafb2cbe4fe';
const PR = 'arn:aws:rolesanywhere:eu-west-1:123456789012:profile/2cb4e36e-e4ad-4bbb-9b37-fdafb2cbe4fe';
const ROLE = 'arn:aws:iam::123456789012:role/Demo';

const stepButton = (key: string) => screen.getByTestId(TESTIDS.wizardStepButton(key));
const next = () => fireEvent.click(screen.getByTestId(TESTIDS.wizardNext));
const type = (id: string, value: string) => fireEvent.change(screen.getByTestId(id), { target: { value } });

afterEach(cleanup);

describe('SetupWizard', () => {
  it('walks from an empty inventory to live credentials', async () => {
    const { bridge, calls } = createFakeBridge();
    renderWithApp(<SetupWizard />, bridge);

    // 1. CA: key type with its explanation, then create.
    expect(screen.getByTestId(TESTIDS.wizardStepCa)).toBeTruthy();
    expect((screen.getByTestId(TESTIDS.wizardNext) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId(TESTIDS.caKeyType), { target: { value: 'rsa-4096' } });
    expect(screen.getByTestId(TESTIDS.wizardStepCa).textContent).toContain('slow to generate');
    type(TESTIDS.caName, 'Team CA');
    fireEvent.click(screen.getByTestId(TESTIDS.caCreate));
    await screen.findByTestId(TESTIDS.caCreated);
    expect(callsOf(calls, 'caCreate')).toEqual([
      { name: 'Team CA', subject: { commonName: 'Team CA' }, keyType: 'rsa-4096', days: 3650 },
    ]);
    next();

    // 2. Client certificate.
    expect(screen.getByTestId(TESTIDS.wizardStepClient)).toBeTruthy();
    type(TESTIDS.clientCn, 'build-agent');
    fireEvent.click(screen.getByTestId(TESTIDS.certIssue));
    await screen.findByTestId(TESTIDS.certIssued);
    next();

    // 3. Register: PEM, trust policy with the CN condition, numbered console steps.
    await waitFor(() =>
      expect(screen.getByTestId(TESTIDS.trustAnchorPem).textContent).toContain('BEGIN CERTIFICATE'),
    );
    const policy = () =>
      JSON.parse(screen.getByTestId(TESTIDS.trustPolicy).textContent ?? '') as {
        Statement: Array<{ Condition?: unknown }>;
      };
    expect(policy().Statement[0]?.Condition).toBeUndefined();
    fireEvent.click(screen.getByTestId(TESTIDS.trustPolicyCn));
    expect(policy().Statement[0]?.Condition).toEqual({
      StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'build-agent' },
    });
    expect(screen.getByTestId(TESTIDS.consoleSteps).querySelectorAll('li')).toHaveLength(4);
    next();

    // 4. ARNs.
    type(TESTIDS.arnTrustAnchor, TA);
    type(TESTIDS.arnProfile, PR);
    type(TESTIDS.arnRole, ROLE);
    fireEvent.click(screen.getByTestId(TESTIDS.profileSave));
    await screen.findByTestId(TESTIDS.profileSaved);
    next();

    // 5. Test connection.
    fireEvent.click(screen.getByTestId(TESTIDS.testConnection));
    expect((await screen.findByTestId(TESTIDS.whoamiArn)).textContent).toContain('assumed-role/Demo');
    expect(callsOf(calls, 'sessionGet')).toEqual([{ profile: 'anchorage', noCache: true }]);
    next();

    // 6. Done: live credentials and PFX export.
    expect(screen.getByTestId(TESTIDS.wizardStepDone)).toBeTruthy();
    await screen.findByTestId(TESTIDS.accessKeyId);
    fireEvent.click(screen.getByTestId(TESTIDS.exportPfx));
    fireEvent.click(await screen.findByTestId(TESTIDS.exportSubmit));
    const result = await screen.findByTestId(TESTIDS.exportResult);
    expect(result.textContent).toContain('/tmp/out.pfx');
    expect(callsOf(calls, 'certExport')[0]).toMatchObject({
      format: 'pfx',
      pfxProfile: 'legacy',
      password: { kind: 'generated' },
    });
    expect((await screen.findByTestId(TESTIDS.clipboardNotice)).textContent).toContain(
      'Generated PFX password copied',
    );
  });

  it('moves between reachable steps with the keyboard and focuses the new step heading', async () => {
    const { bridge } = createFakeBridge();
    renderWithApp(<SetupWizard />, bridge);
    // Only the current step is in the tab order; later steps are disabled until reached.
    expect(stepButton('ca').getAttribute('tabindex')).toBe('0');
    expect((stepButton('client') as HTMLButtonElement).disabled).toBe(true);

    type(TESTIDS.caName, 'Keyboard CA');
    fireEvent.submit(screen.getByTestId(TESTIDS.caName).closest('form') as HTMLFormElement);
    await screen.findByTestId(TESTIDS.caCreated);
    next();
    await waitFor(() => expect(document.activeElement?.id).toBe('wizard-step-heading'));
    expect(document.activeElement?.textContent).toBe('2. Client certificate');

    // Arrow keys move focus along the step bar, skipping steps not reached yet; Home and End jump.
    stepButton('client').focus();
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(stepButton('ca'));
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(stepButton('client'));
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(stepButton('ca'));
    fireEvent.keyDown(document.activeElement as Element, { key: 'End' });
    expect(document.activeElement).toBe(stepButton('client'));
    fireEvent.keyDown(document.activeElement as Element, { key: 'Home' });
    expect(document.activeElement).toBe(stepButton('ca'));

    // The focused step button is a native button: Enter/Space activate it (a click in the DOM).
    expect(stepButton('ca').tagName).toBe('BUTTON');
    fireEvent.click(document.activeElement as Element);
    expect(screen.getByTestId(TESTIDS.wizard).getAttribute('data-step')).toBe('ca');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('1. Certificate authority'));
  });

  it('shows a failed connection test with its message and hint', async () => {
    const { bridge } = createFakeBridge(
      {},
      {
        sessionGet: () =>
          Promise.resolve({
            ok: false,
            error: {
              code: 'AWS_UNTRUSTED_CERTIFICATE',
              message: 'Untrusted signing certificate.',
              hint: 'Create the trust anchor with the CA "Team CA".',
            },
          }),
      },
    );
    renderWithApp(<SetupWizard />, bridge);
    fireEvent.click(screen.getByTestId(TESTIDS.caCreate));
    await screen.findByTestId(TESTIDS.caCreated);
    next();
    fireEvent.click(screen.getByTestId(TESTIDS.certIssue));
    await screen.findByTestId(TESTIDS.certIssued);
    next();
    next();
    type(TESTIDS.arnTrustAnchor, TA);
    type(TESTIDS.arnProfile, PR);
    type(TESTIDS.arnRole, ROLE);
    fireEvent.click(screen.getByTestId(TESTIDS.profileSave));
    await screen.findByTestId(TESTIDS.profileSaved);
    next();
    fireEvent.click(screen.getByTestId(TESTIDS.testConnection));
    const alert = await screen.findByTestId(TESTIDS.errorAlert);
    expect(alert.textContent).toContain('Untrusted signing certificate.');
    expect(screen.getByTestId(TESTIDS.errorHint).textContent).toBe(
      'Create the trust anchor with the CA "Team CA".',
    );
    expect((screen.getByTestId(TESTIDS.wizardNext) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByTestId(TESTIDS.connectionOk)).toBeNull();
  });
});

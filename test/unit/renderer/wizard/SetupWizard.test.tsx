import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import type { Profile, WizardProgress } from '../../../../shared/schemas/models';
import SetupWizard from '../../../../renderer/wizard/SetupWizard';
import { TESTIDS } from '../../../../renderer/testids';
import { callsOf, createFakeBridge, fakeCert } from '../fake-bridge';
import type { Call } from '../fake-bridge';
import { renderWithApp } from '../render';

const TA = 'arn:aws:rolesanywhere:eu-west-1:123456789012:trust-anchor/1cb4e36e-e4ad-4bbb-9b37-fdafb2cbe4fe';
const PR = 'arn:aws:rolesanywhere:eu-west-1:123456789012:profile/2cb4e36e-e4ad-4bbb-9b37-fdafb2cbe4fe';
const ROLE = 'arn:aws:iam::123456789012:role/Demo';

const stepButton = (key: string) => screen.getByTestId(TESTIDS.wizardStepButton(key));
const next = () => fireEvent.click(screen.getByTestId(TESTIDS.wizardNext));
const type = (id: string, value: string) => fireEvent.change(screen.getByTestId(id), { target: { value } });
const stepOf = () => screen.getByTestId(TESTIDS.wizard).getAttribute('data-step');
const value = (id: string) => (screen.getByTestId(id) as HTMLInputElement).value;

/** Wait until a button can be pressed (forms enable Submit once they know the names in use). */
async function press(id: string): Promise<void> {
  const button = (await screen.findByTestId(id)) as HTMLButtonElement;
  await waitFor(() => expect(button.disabled).toBe(false));
  fireEvent.click(button);
}

/** The last progress the wizard wrote to core. */
const lastWrite = (calls: Call[]) => callsOf(calls, 'wizardSet').at(-1) as WizardProgress | undefined;

function profileOf(name: string, certificateId: string): Profile {
  return {
    name,
    certificateId,
    trustAnchorArn: TA,
    profileArn: PR,
    roleArn: ROLE,
    region: 'eu-west-1',
    durationSeconds: 3600,
    createdAt: new Date().toISOString(),
  };
}

afterEach(cleanup);

describe('SetupWizard', () => {
  it('walks from an empty inventory to live credentials, writing its progress to core at every change', async () => {
    const { bridge, calls, state } = createFakeBridge();
    renderWithApp(<SetupWizard />, bridge);

    // 1. CA: key type with its explanation, then create.
    expect(await screen.findByTestId(TESTIDS.wizardStepCa)).toBeTruthy();
    expect((screen.getByTestId(TESTIDS.wizardNext) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByTestId(TESTIDS.wizardStartOver)).toBeNull();
    fireEvent.change(screen.getByTestId(TESTIDS.caKeyType), { target: { value: 'rsa-4096' } });
    expect(screen.getByTestId(TESTIDS.wizardStepCa).textContent).toContain('slow to generate');
    type(TESTIDS.caName, 'Team CA');
    await press(TESTIDS.caCreate);
    const created = await screen.findByTestId(TESTIDS.caCreated);
    expect(callsOf(calls, 'caCreate')).toEqual([
      { name: 'Team CA', subject: { commonName: 'Team CA' }, keyType: 'rsa-4096', days: 3650 },
    ]);
    // The focus lands on the result, not on <body>.
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Your CA is ready'));
    expect(created.contains(document.activeElement)).toBe(true);
    const ca = state.certs[0]!;
    await waitFor(() => expect(lastWrite(calls)).toEqual({ step: 'ca', caId: ca.id }));
    next();
    await waitFor(() => expect(lastWrite(calls)).toEqual({ step: 'client', caId: ca.id }));

    // 2. Client certificate.
    expect(screen.getByTestId(TESTIDS.wizardStepClient)).toBeTruthy();
    type(TESTIDS.clientCn, 'build-agent');
    await press(TESTIDS.certIssue);
    await screen.findByTestId(TESTIDS.certIssued);
    const client = state.certs[1]!;
    expect(client.name).toBe('build-agent');
    next();

    // 3. Register: PEM, trust policy with the CN condition, a region, numbered console steps with links.
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
    fireEvent.click(screen.getByTestId(TESTIDS.trustPolicySourceArn));
    type(TESTIDS.trustPolicySourceArnValue, TA);
    type(TESTIDS.registerRegion, 'eu-west-1');
    await waitFor(() =>
      expect(lastWrite(calls)).toEqual({
        step: 'register',
        caId: ca.id,
        certificateId: client.id,
        trustAnchorArn: TA,
        region: 'eu-west-1',
      }),
    );
    next();

    // 4. ARNs: the trust anchor ARN and the region typed in step 3 are already there.
    await screen.findByTestId(TESTIDS.arnTrustAnchor);
    expect(value(TESTIDS.arnTrustAnchor)).toBe(TA);
    expect(value(TESTIDS.region)).toBe('eu-west-1');
    type(TESTIDS.arnProfile, PR);
    type(TESTIDS.arnRole, ROLE);
    await press(TESTIDS.profileSave);
    await screen.findByTestId(TESTIDS.profileSaved);
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Profile “anchorage” saved'));
    next();

    // 5. Test connection; the focus goes to the result.
    fireEvent.click(screen.getByTestId(TESTIDS.testConnection));
    expect((await screen.findByTestId(TESTIDS.whoamiArn)).textContent).toContain('assumed-role/Demo');
    expect(callsOf(calls, 'sessionGet')).toEqual([{ profile: 'anchorage', noCache: true }]);
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Connected'));
    next();

    // 6. Done: live credentials and PFX export.
    expect(screen.getByTestId(TESTIDS.wizardStepDone)).toBeTruthy();
    await screen.findByTestId(TESTIDS.accessKeyId);
    fireEvent.click(screen.getByTestId(TESTIDS.exportPfx));
    fireEvent.click(await screen.findByTestId(TESTIDS.exportSubmit));
    const result = await screen.findByTestId(TESTIDS.exportResult);
    expect(result.textContent).toContain('/tmp/out.pfx');
    expect(callsOf(calls, 'certExport')[0]).toMatchObject({
      ref: client.id,
      format: 'pfx',
      pfxProfile: 'legacy',
      password: { kind: 'generated' },
    });
    expect((await screen.findByTestId(TESTIDS.clipboardNotice)).textContent).toContain(
      'Generated PFX password copied',
    );
    await waitFor(() =>
      expect(state.wizard).toEqual({
        step: 'done',
        caId: ca.id,
        certificateId: client.id,
        registered: true,
        trustAnchorArn: TA,
        region: 'eu-west-1',
        profileName: 'anchorage',
        connected: true,
      }),
    );
  });

  it('moves between reachable steps with the keyboard and focuses the new step heading', async () => {
    const { bridge } = createFakeBridge();
    renderWithApp(<SetupWizard />, bridge);
    await screen.findByTestId(TESTIDS.wizardStepCa);
    // Only the current step is in the tab order; later steps are disabled until reached.
    expect(stepButton('ca').getAttribute('tabindex')).toBe('0');
    expect((stepButton('client') as HTMLButtonElement).disabled).toBe(true);

    type(TESTIDS.caName, 'Keyboard CA');
    await waitFor(() =>
      expect((screen.getByTestId(TESTIDS.caCreate) as HTMLButtonElement).disabled).toBe(false),
    );
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
    expect(stepOf()).toBe('ca');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('1. Certificate authority'));
  });

  it('shows a failed connection test with its message and hint, keeping the focus on "Try again"', async () => {
    const ca = fakeCert({ kind: 'ca', name: 'Team CA' });
    const client = fakeCert({ name: 'workload', issuerId: ca.id });
    const { bridge } = createFakeBridge(
      {
        certs: [ca, client],
        profiles: [profileOf('anchorage', client.id)],
        wizard: {
          step: 'test',
          caId: ca.id,
          certificateId: client.id,
          registered: true,
          profileName: 'anchorage',
        },
      },
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
    const button = await screen.findByTestId(TESTIDS.testConnection);
    button.focus();
    fireEvent.click(button);
    const alert = await screen.findByTestId(TESTIDS.errorAlert);
    expect(alert.textContent).toContain('Untrusted signing certificate.');
    expect(screen.getByTestId(TESTIDS.errorHint).textContent).toBe(
      'Create the trust anchor with the CA "Team CA".',
    );
    expect((screen.getByTestId(TESTIDS.wizardNext) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByTestId(TESTIDS.connectionOk)).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId(TESTIDS.testConnection));
    expect(document.activeElement?.textContent).toBe('Try again');
  });

  it('resumes at the stored step with the stored choices, and again after leaving and coming back', async () => {
    const ca = fakeCert({ kind: 'ca', name: 'Team CA' });
    const client = fakeCert({ name: 'workload', issuerId: ca.id });
    const { bridge, calls, state } = createFakeBridge({
      certs: [ca, client],
      wizard: {
        step: 'arns',
        caId: ca.id,
        certificateId: client.id,
        registered: true,
        trustAnchorArn: TA,
        region: 'eu-west-1',
      },
    });
    const view = renderWithApp(<SetupWizard />, bridge);
    await screen.findByTestId(TESTIDS.wizardStepArns);
    expect(value(TESTIDS.arnTrustAnchor)).toBe(TA);
    expect(value(TESTIDS.region)).toBe('eu-west-1');
    for (const key of ['ca', 'client', 'register'])
      expect((stepButton(key) as HTMLButtonElement).disabled).toBe(false);
    // Arriving does not steal the focus, and nothing needed rewriting.
    expect(document.activeElement).toBe(document.body);
    expect(callsOf(calls, 'wizardSet')).toEqual([]);

    // Back to step 3, leave (unmount) at once, come back: the write was waited for, the wizard is on step 3.
    fireEvent.click(screen.getByTestId(TESTIDS.wizardBack));
    view.unmount();
    renderWithApp(<SetupWizard />, bridge);
    await screen.findByTestId(TESTIDS.wizardStepRegister);
    expect(state.wizard.step).toBe('register');
    expect(value(TESTIDS.trustPolicySourceArnValue)).toBe(TA);
    expect(value(TESTIDS.registerRegion)).toBe('eu-west-1');
    fireEvent.click(stepButton('client'));
    expect(screen.getByTestId(TESTIDS.certIssued).getAttribute('data-cert-id')).toBe(client.id);
  });

  it('falls back to the earliest step that needs a new choice, says why, and stores the cleaned progress', async () => {
    const ca = fakeCert({ kind: 'ca', name: 'Old CA', status: 'revoked' });
    const other = fakeCert({ kind: 'ca', name: 'Other CA' });
    const { bridge, calls } = createFakeBridge({
      certs: [ca, other],
      wizard: { step: 'register', caId: ca.id, registered: false, region: 'eu-west-1' },
    });
    renderWithApp(<SetupWizard />, bridge);
    expect((await screen.findByTestId(TESTIDS.wizardNote)).textContent).toContain(
      'The CA “Old CA” chosen before is revoked. Choose or create another.',
    );
    expect(stepOf()).toBe('ca');
    await waitFor(() => expect(lastWrite(calls)).toEqual({ step: 'ca', region: 'eu-west-1' }));
    // Only usable CAs are offered as existing ones.
    fireEvent.click(screen.getByTestId(TESTIDS.caModeExisting));
    expect(screen.queryByTestId(TESTIDS.existingOption(ca.id))).toBeNull();
    expect((screen.getByTestId(TESTIDS.existingOption(other.id)) as HTMLInputElement).checked).toBe(true);
  });

  it('uses an existing CA, client certificate and profile, showing statuses and never preselecting an unusable one', async () => {
    const ca = fakeCert({ kind: 'ca', name: 'Team CA' });
    const revoked = fakeCert({ name: 'old-agent', issuerId: ca.id, status: 'revoked' });
    const expiring = fakeCert({ name: 'agent', issuerId: ca.id, status: 'expiring', daysToExpiry: 5 });
    const foreign = fakeCert({ name: 'elsewhere', issuerId: 'another-ca' });
    const { bridge, calls } = createFakeBridge({
      certs: [ca, revoked, expiring, foreign],
      profiles: [profileOf('ci', expiring.id), profileOf('stale', revoked.id)],
    });
    renderWithApp(<SetupWizard />, bridge);

    await press(TESTIDS.caModeExisting);
    fireEvent.click(screen.getByTestId(TESTIDS.caExistingUse));
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Your CA is ready'));
    next();

    // The client list: this CA's certificates only, the revoked one shown but disabled and not preselected.
    await press(TESTIDS.clientModeExisting);
    const list = screen.getByTestId(TESTIDS.clientExistingList);
    expect(list.textContent).toContain('Revoked');
    expect(list.textContent).toContain('Expiring soon');
    expect(list.textContent).toContain('Cannot be used: revoked.');
    expect(list.textContent).not.toContain('elsewhere');
    const option = (id: string) => screen.getByTestId(TESTIDS.existingOption(id)) as HTMLInputElement;
    expect(option(revoked.id).disabled).toBe(true);
    expect(option(revoked.id).checked).toBe(false);
    expect(option(expiring.id).checked).toBe(true);
    fireEvent.click(screen.getByTestId(TESTIDS.clientExistingUse));
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Client certificate ready'));
    expect(screen.getByTestId(TESTIDS.certIssued).getAttribute('data-cert-id')).toBe(expiring.id);
    next();
    next();

    // Step 4: the profile that signs with it is offered; the one on the revoked certificate is not usable.
    await press(TESTIDS.arnsModeExisting);
    expect(option('stale').disabled).toBe(true);
    expect(option('ci').checked).toBe(true);
    fireEvent.click(screen.getByTestId(TESTIDS.profileExistingUse));
    // Picking it skips to the test with it.
    await waitFor(() => expect(stepOf()).toBe('test'));
    await waitFor(() =>
      expect(lastWrite(calls)).toEqual({
        step: 'test',
        caId: ca.id,
        certificateId: expiring.id,
        registered: true,
        profileName: 'ci',
        connected: false,
      }),
    );
    expect(document.activeElement?.textContent).toBe('5. Test connection');
  });

  it('edits the saved profile in place from step 4, and a new client certificate drops the profile', async () => {
    const ca = fakeCert({ kind: 'ca', name: 'Team CA' });
    const client = fakeCert({ name: 'workload', issuerId: ca.id });
    const other = fakeCert({ name: 'workload-2', issuerId: ca.id });
    const { bridge, calls } = createFakeBridge({
      certs: [ca, client, other],
      profiles: [profileOf('anchorage', client.id)],
      wizard: {
        step: 'arns',
        caId: ca.id,
        certificateId: client.id,
        registered: true,
        profileName: 'anchorage',
        connected: true,
      },
    });
    renderWithApp(<SetupWizard />, bridge);
    fireEvent.click(await screen.findByTestId(TESTIDS.profileEdit));
    // The focus goes to the first field of the form that replaced the button.
    await waitFor(() => expect(document.activeElement?.tagName).toMatch(/INPUT|SELECT/));
    type(TESTIDS.arnRole, 'arn:aws:iam::123456789012:role/Other');
    await press(TESTIDS.profileSave);
    await waitFor(() =>
      expect(callsOf(calls, 'profileSet')).toEqual([
        { name: 'anchorage', patch: { roleArn: 'arn:aws:iam::123456789012:role/Other' } },
      ]),
    );
    expect((await screen.findByTestId(TESTIDS.profileSaved)).textContent).toContain('role/Other');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Profile “anchorage” saved'));
    expect(callsOf(calls, 'profileAdd')).toEqual([]);
    // A saved profile needs a new test.
    await waitFor(() =>
      expect(lastWrite(calls)).toMatchObject({ profileName: 'anchorage', connected: false }),
    );

    // Step 2: another certificate; the profile signed with the old one, so step 4 needs a new choice.
    fireEvent.click(stepButton('client'));
    fireEvent.click(screen.getByTestId(TESTIDS.clientChange));
    await waitFor(() => expect(document.activeElement?.getAttribute('role')).toBe('tab'));
    fireEvent.click(screen.getByTestId(TESTIDS.existingOption(other.id)));
    fireEvent.click(screen.getByTestId(TESTIDS.clientExistingUse));
    await waitFor(() =>
      expect(lastWrite(calls)).toEqual({
        step: 'client',
        caId: ca.id,
        certificateId: other.id,
        registered: true,
      }),
    );
    expect((stepButton('test') as HTMLButtonElement).disabled).toBe(true);
  });

  it('starts over after a confirmation, forgetting the choices but not the data', async () => {
    const ca = fakeCert({ kind: 'ca', name: 'Team CA' });
    const { bridge, calls, state } = createFakeBridge({
      certs: [ca],
      wizard: { step: 'client', caId: ca.id, region: 'eu-west-1' },
    });
    renderWithApp(<SetupWizard />, bridge);
    await press(TESTIDS.wizardStartOver);
    expect(screen.getByRole('dialog').textContent).toContain('Your CAs, certificates and profiles stay');
    fireEvent.click(screen.getByText('Cancel'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(stepOf()).toBe('client');

    fireEvent.click(screen.getByTestId(TESTIDS.wizardStartOver));
    fireEvent.click(await screen.findByTestId(TESTIDS.wizardStartOverConfirm));
    await waitFor(() => expect(stepOf()).toBe('ca'));
    await waitFor(() => expect(lastWrite(calls)).toEqual({ step: 'ca' }));
    expect(state.certs).toHaveLength(1);
    expect(callsOf(calls, 'certDelete')).toEqual([]);
    await waitFor(() => expect(document.activeElement?.id).toBe('wizard-step-heading'));
  });

  it('warns before copying a policy that still holds the placeholder, and opens the console for the region', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const ca = fakeCert({ kind: 'ca', name: 'Team CA' });
    const client = fakeCert({ name: 'workload', issuerId: ca.id });
    const { bridge, calls } = createFakeBridge({
      certs: [ca, client],
      wizard: { step: 'register', caId: ca.id, certificateId: client.id },
    });
    renderWithApp(<SetupWizard />, bridge);
    await screen.findByTestId(TESTIDS.wizardStepRegister);

    fireEvent.click(screen.getByTestId(TESTIDS.trustPolicySourceArn));
    expect(screen.getByTestId(TESTIDS.trustPolicy).textContent).toContain('TRUST_ANCHOR_ID');
    expect(screen.getByTestId(TESTIDS.trustPolicyPlaceholder).textContent).toContain('placeholder');
    fireEvent.click(screen.getByTestId(TESTIDS.trustPolicyCopy));
    expect((await screen.findByRole('dialog')).textContent).toContain('no session will match it');
    fireEvent.click(screen.getByText('Cancel'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(writeText).not.toHaveBeenCalled();

    // Saving is guarded the same way; "Save anyway" goes through.
    fireEvent.click(screen.getByTestId(TESTIDS.trustPolicySave));
    fireEvent.click(await screen.findByTestId(TESTIDS.trustPolicyCopyAnyway));
    await waitFor(() => expect(callsOf(calls, 'fileSaveText')).toHaveLength(1));

    fireEvent.click(screen.getByTestId(TESTIDS.trustPolicyCopy));
    fireEvent.click(await screen.findByTestId(TESTIDS.trustPolicyCopyAnyway));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    expect(String((writeText.mock.calls[0] as unknown[])[0])).toContain('TRUST_ANCHOR_ID');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    // With a real ARN, the copy goes straight through.
    type(TESTIDS.trustPolicySourceArnValue, TA);
    expect(screen.queryByTestId(TESTIDS.trustPolicyPlaceholder)).toBeNull();
    fireEvent.click(screen.getByTestId(TESTIDS.trustPolicyCopy));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(2));
    expect(screen.queryByRole('dialog')).toBeNull();

    // Console links follow the region picker.
    fireEvent.click(screen.getByTestId(TESTIDS.consoleLink('trust-anchor')));
    type(TESTIDS.registerRegion, 'eu-west-2');
    fireEvent.click(screen.getByTestId(TESTIDS.consoleLink('trust-anchor')));
    fireEvent.click(screen.getByTestId(TESTIDS.consoleLink('role')));
    await waitFor(() => expect(callsOf(calls, 'appOpenExternal')).toHaveLength(3));
    expect(callsOf(calls, 'appOpenExternal')).toEqual([
      { url: 'https://console.aws.amazon.com/rolesanywhere/home' },
      { url: 'https://eu-west-2.console.aws.amazon.com/rolesanywhere/home?region=eu-west-2' },
      { url: 'https://console.aws.amazon.com/iam/home?region=eu-west-2#/roles' },
    ]);
  });
});

// The wizard's "Register for me" (issue 12 §6): the credentials source, the dry-run review, the live list with
// a failed step and its hint, Try again, and success filling in steps 4 and 5.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import SetupWizard from '../../../../renderer/wizard/SetupWizard';
import { TESTIDS } from '../../../../renderer/testids';
import type { ChannelRequest, ChannelResponse, Result } from '../../../../shared/schemas/contract';
import type { WizardProgress } from '../../../../shared/schemas/models';
import { callsOf, createFakeBridge, fakeCert } from '../fake-bridge';
import type { Call } from '../fake-bridge';
import { renderWithApp } from '../render';
import { ok } from '../user-actions';

type SetupRequest = ChannelRequest<'aws.setup'>;
type SetupResult = ChannelResponse<'aws.setup'>;
type Step = ChannelResponse<'aws.progress'>[number];

const ca = fakeCert({ kind: 'ca', name: 'Team CA' });
const client = fakeCert({ name: 'build agent', commonName: 'build-agent', issuerId: ca.id });
const ROLE = 'arn:aws:iam::123456789012:role/Anchorage-build_agent';
const POLICY: SetupResult['operatorPolicy'] = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['iam:GetRole', 'iam:CreateRole'], Resource: '*' }],
};

const lastWrite = (calls: Call[]) => callsOf(calls, 'wizardSet').at(-1) as WizardProgress | undefined;
const setupCalls = (calls: Call[]) => callsOf(calls, 'awsSetup') as SetupRequest[];
const status = (id: string) => screen.getByTestId(TESTIDS.registerStep(id)).getAttribute('data-status');

/** Render the wizard on step 3 with the CA and client chosen, and open "Register for me". */
async function openRegisterForMe(bridge: ReturnType<typeof createFakeBridge>['bridge']) {
  renderWithApp(<SetupWizard />, bridge);
  fireEvent.click(await screen.findByTestId(TESTIDS.registerModeAuto));
  return screen.findByTestId(TESTIDS.registerSource);
}

function stateAtRegister() {
  return {
    certs: [ca, client],
    wizard: { step: 'register', caId: ca.id, certificateId: client.id } as const,
  };
}

/** A promise the test settles, for a call that stays pending while the live list is checked. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

let copied: string[] = [];
beforeEach(() => {
  copied = [];
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: (text: string) => Promise.resolve(void copied.push(text)) },
  });
});
afterEach(cleanup);

describe('Register for me: source and review', () => {
  it('lists the AWS configuration, each ~/.aws profile and each static set, and says which region the configuration gives', async () => {
    const { bridge } = createFakeBridge(stateAtRegister());
    const select = (await openRegisterForMe(bridge)) as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'AWS configuration (default)',
      'AWS profile “default”',
      'AWS profile “admin”',
      'Static credentials “operator”',
    ]);
    expect(select.value).toBe('default');
    expect(screen.getByTestId(TESTIDS.wizardStepRegister).textContent).toContain(
      'The AWS configuration uses the “default” profile of ~/.aws; its region is eu-west-1.',
    );
    // The region picker's empty choice is the configuration's.
    const region = screen.getByTestId(TESTIDS.registerRegion) as HTMLSelectElement;
    expect(region.options[0]!.textContent).toBe('The AWS configuration’s (eu-west-1)');
    expect((screen.getByTestId(TESTIDS.registerRoleName) as HTMLInputElement).value).toBe(
      'Anchorage-build_agent',
    );
  });

  it('starts on the first static set when neither ~/.aws nor the environment has credentials', async () => {
    const { bridge } = createFakeBridge(stateAtRegister(), {
      awsSources: () => ok({ awsProfiles: [], statics: ['ops', 'demo'], environment: false }),
    });
    const select = (await openRegisterForMe(bridge)) as HTMLSelectElement;
    expect(select.value).toBe('static:ops');
    expect(screen.getByTestId(TESTIDS.wizardStepRegister).textContent).toContain(
      'Choose the region: the AWS configuration gives none.',
    );
    // No region anywhere: Review and Register wait for one.
    expect((screen.getByTestId(TESTIDS.registerReview) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId(TESTIDS.registerRegion), { target: { value: 'eu-central-1' } });
    await waitFor(() =>
      expect((screen.getByTestId(TESTIDS.registerReview) as HTMLButtonElement).disabled).toBe(false),
    );
  });

  it('Review runs the dry run with the chosen source and conditions, lists each step’s calls and copies the operator policy', async () => {
    const { bridge, calls } = createFakeBridge(stateAtRegister());
    await openRegisterForMe(bridge);
    fireEvent.change(screen.getByTestId(TESTIDS.registerSource), { target: { value: 'static:operator' } });
    fireEvent.change(screen.getByTestId(TESTIDS.registerPolicyArns), {
      target: { value: 'arn:aws:iam::aws:policy/ReadOnlyAccess\n\n' },
    });
    fireEvent.click(screen.getByTestId(TESTIDS.registerReview));
    const plan = await screen.findByTestId(TESTIDS.registerPlan);

    const [request] = setupCalls(calls);
    expect(request).toMatchObject({
      operator: { kind: 'static', name: 'operator' },
      ca: ca.id,
      certificate: client.id,
      roleName: 'Anchorage-build_agent',
      policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      conditions: ['cn', 'source-arn'],
      updateTrust: false,
      dryRun: true,
    });
    expect(request!.region).toBeUndefined();
    expect(request!.runId.length).toBeGreaterThanOrEqual(8);
    // A dry run is not polled: there is nothing to follow.
    expect(callsOf(calls, 'awsProgress')).toHaveLength(0);

    expect(within(plan).getAllByRole('listitem')).toHaveLength(6);
    expect(
      within(screen.getByTestId(TESTIDS.registerStep('trust-anchor'))).getByText(/Calls:/).textContent,
    ).toBe('Calls: rolesanywhere:ListTrustAnchors, rolesanywhere:CreateTrustAnchor');
    await waitFor(() =>
      expect(document.activeElement?.textContent).toBe('What Register would do in eu-west-1'),
    );

    const policy = screen.getByTestId(TESTIDS.registerOperatorPolicy).textContent ?? '';
    expect(JSON.parse(policy)).toMatchObject({ Version: '2012-10-17' });
    fireEvent.click(screen.getByTestId(TESTIDS.registerOperatorPolicyCopy));
    await waitFor(() => expect(copied).toEqual([policy]));

    // The plan is for what was reviewed: another role name hides it.
    fireEvent.change(screen.getByTestId(TESTIDS.registerRoleName), { target: { value: 'Other' } });
    expect(screen.queryByTestId(TESTIDS.registerPlan)).toBeNull();
  });

  it('refuses a role name IAM would refuse, and a line that is not a policy ARN, before calling anything', async () => {
    const { bridge, calls } = createFakeBridge(stateAtRegister());
    await openRegisterForMe(bridge);
    fireEvent.change(screen.getByTestId(TESTIDS.registerRoleName), { target: { value: 'has space' } });
    expect(screen.getByText('Use 1 to 64 letters, digits and + = , . @ _ - (no spaces).')).toBeTruthy();
    expect((screen.getByTestId(TESTIDS.registerRun) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId(TESTIDS.registerRoleName), { target: { value: 'Fine' } });
    fireEvent.change(screen.getByTestId(TESTIDS.registerPolicyArns), { target: { value: 'ReadOnlyAccess' } });
    expect(screen.getByText(/“ReadOnlyAccess” is not an IAM policy ARN/)).toBeTruthy();
    expect((screen.getByTestId(TESTIDS.registerRun) as HTMLButtonElement).disabled).toBe(true);
    // The conditions can be turned off; the replace option warns when on.
    fireEvent.click(screen.getByTestId(TESTIDS.registerConditionCn));
    fireEvent.click(screen.getByTestId(TESTIDS.registerUpdateTrust));
    expect(screen.getByText(/loses access to it when its trust policy is replaced/)).toBeTruthy();
    expect(setupCalls(calls)).toHaveLength(0);
  });
});

describe('Register for me: the run', () => {
  it('shows each step as the progress reports it, a failed step with its app hint and diff, and Try again continues', async () => {
    const progress: { steps: Step[] } = { steps: [] };
    const pending = deferred<Result<SetupResult>>();
    let attempt = 0;
    const { bridge, calls } = createFakeBridge(stateAtRegister(), {
      awsProgress: () => ok(progress.steps),
      awsSetup: (req) => {
        attempt += 1;
        if (attempt === 1 || req.dryRun) return pending.promise;
        const steps: Step[] = [
          { id: 'trust-anchor', status: 'reused', calls: ['rolesanywhere:ListTrustAnchors'], arn: 'arn:ta' },
          { id: 'role', status: 'updated', calls: ['iam:GetRole', 'iam:UpdateAssumeRolePolicy'], arn: ROLE },
          { id: 'role-policies', status: 'reused', calls: ['iam:ListAttachedRolePolicies'] },
          { id: 'profile', status: 'created', calls: ['rolesanywhere:CreateProfile'], arn: 'arn:pr' },
          { id: 'save-profile', status: 'created', calls: [], name: 'Anchorage-build_agent' },
          { id: 'test', status: 'passed', calls: [] },
        ];
        return ok({
          dryRun: false,
          region: 'eu-west-1',
          complete: true,
          steps,
          operatorPolicy: POLICY,
          profile: 'Anchorage-build_agent',
          identity: {
            UserId: 'AROA:s',
            Account: '123456789012',
            Arn: 'arn:aws:sts::123456789012:assumed-role/x/s',
          },
        });
      },
      profileGet: (req) =>
        ok({
          name: req.name,
          certificateId: client.id,
          trustAnchorArn:
            'arn:aws:rolesanywhere:eu-west-1:123456789012:trust-anchor/1cb4e36e-e4ad-4bbb-9b37-fdafb2cbe4fe',
          profileArn:
            'arn:aws:rolesanywhere:eu-west-1:123456789012:profile/6f4c3a1e-2b7d-4e0f-9a8c-5d1e2f3a4b5c',
          roleArn: ROLE,
          region: 'eu-west-1',
          durationSeconds: 3600,
          createdAt: new Date().toISOString(),
        }),
    });
    await openRegisterForMe(bridge);
    const run = screen.getByTestId(TESTIDS.registerRun);
    run.focus();
    fireEvent.click(run);

    // Pending: the button stays focusable, says so, and ignores another press.
    await waitFor(() => expect(run.textContent).toBe('Registering…'));
    expect(run.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(run);
    expect(setupCalls(calls)).toHaveLength(1);

    // The live list follows aws.progress, polled under the run's id.
    progress.steps = [
      { id: 'trust-anchor', status: 'created', calls: ['rolesanywhere:CreateTrustAnchor'], arn: 'arn:ta' },
      { id: 'role', status: 'running', calls: [] },
      { id: 'role-policies', status: 'planned', calls: [] },
      { id: 'profile', status: 'planned', calls: [] },
      { id: 'save-profile', status: 'planned', calls: [] },
      { id: 'test', status: 'planned', calls: [] },
    ];
    await waitFor(() => expect(status('trust-anchor')).toBe('created'));
    expect(status('role')).toBe('running');
    // Screen readers hear where it is (role=status).
    expect(
      screen.getByText('1 of 6 steps done; now: IAM role with the trust policy.').getAttribute('role'),
    ).toBe('status');
    const runId = setupCalls(calls)[0]!.runId;
    expect(callsOf(calls, 'awsProgress').every((r) => (r as { runId: string }).runId === runId)).toBe(true);

    // The role step fails: its message, the app's hint, the diff; later steps did not run.
    pending.resolve({
      ok: true,
      value: {
        dryRun: false,
        region: 'eu-west-1',
        complete: false,
        operatorPolicy: POLICY,
        steps: [
          progress.steps[0]!,
          {
            id: 'role',
            status: 'failed',
            calls: ['iam:GetRole'],
            arn: ROLE,
            trustPolicyDiff: { current: '{\n  "a": 1\n}', wanted: '{\n  "a": 2\n}' },
            error: {
              code: 'AWS_TRUST_POLICY_DIFFERS',
              message: 'The role "Anchorage-build_agent" exists with a different trust policy.',
              hint: 'Replace its trust policy, or choose another role name.',
              facts: { role: 'Anchorage-build_agent' },
            },
          },
          ...progress.steps.slice(2).map((s) => ({ ...s, status: 'not-run' as const })),
        ],
      },
    });
    await waitFor(() => expect(status('role')).toBe('failed'));
    const role = screen.getByTestId(TESTIDS.registerStep('role'));
    expect(within(role).getByTestId(TESTIDS.errorHint).textContent).toBe(
      'Tick “Replace an existing role’s trust policy” and choose Try again (whatever the role “Anchorage-build_agent” trusts now loses access), or type another Role name.',
    );
    expect(within(role).getByText('Called:', { exact: false }).textContent).toBe('Called: iam:GetRole');
    const diff = within(role).getByTestId(TESTIDS.registerTrustDiff);
    expect([...diff.querySelectorAll('[data-kind]')].map((l) => l.textContent)).toEqual([
      '  {',
      '-   "a": 1',
      '+   "a": 2',
      '  }',
    ]);
    expect(status('test')).toBe('not-run');
    expect(run.textContent).toBe('Try again');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Registration stopped'));
    // Nothing was saved, so the wizard has not moved on.
    expect(lastWrite(calls)?.registered).toBeUndefined();

    // Try again with the replace option: a new run id, and the steps continue to success.
    fireEvent.click(screen.getByTestId(TESTIDS.registerUpdateTrust));
    fireEvent.click(run);
    const done = await screen.findByTestId(TESTIDS.registerDone);
    const second = setupCalls(calls)[1]!;
    expect(second.updateTrust).toBe(true);
    expect(second.runId).not.toBe(runId);
    expect(status('role')).toBe('updated');
    expect(done.textContent).toContain('Registered and tested: profile “Anchorage-build_agent” is saved');
    await waitFor(() => expect(done.contains(document.activeElement)).toBe(true));
  });

  it('on success fills in step 4 and step 5 as if typed and tested, saves the progress, and goes on to the credentials', async () => {
    const { bridge, calls, state } = createFakeBridge(stateAtRegister());
    await openRegisterForMe(bridge);
    fireEvent.change(screen.getByTestId(TESTIDS.registerEndpoint), {
      target: { value: 'http://127.0.0.1:9000' },
    });
    fireEvent.click(screen.getByTestId(TESTIDS.registerRun));
    await screen.findByTestId(TESTIDS.registerDone);

    expect(setupCalls(calls)[0]).toMatchObject({ dryRun: false, endpoint: 'http://127.0.0.1:9000' });
    expect(callsOf(calls, 'profileGet')).toEqual([{ name: 'Anchorage-build_agent' }]);
    await waitFor(() =>
      expect(lastWrite(calls)).toEqual({
        step: 'register',
        caId: ca.id,
        certificateId: client.id,
        registered: true,
        profileName: 'Anchorage-build_agent',
        connected: true,
        region: 'eu-west-1',
        trustAnchorArn: state.profiles[0]!.trustAnchorArn,
      }),
    );
    // The tested profile: Continue goes straight to Done, and step 4 shows the profile as saved.
    fireEvent.click(screen.getByTestId(TESTIDS.registerContinue));
    await waitFor(() => expect(screen.getByTestId(TESTIDS.wizard).getAttribute('data-step')).toBe('done'));
    fireEvent.click(screen.getByTestId(TESTIDS.wizardStepButton('arns')));
    expect((await screen.findByTestId(TESTIDS.profileSaved)).textContent).toContain(
      'Profile “Anchorage-build_agent” saved',
    );
  });

  it('a call that fails as a whole (no step ran) shows its error, and Try again is offered', async () => {
    const { bridge } = createFakeBridge(stateAtRegister(), {
      awsSetup: () =>
        Promise.resolve({
          ok: false,
          error: {
            code: 'AWS_OPERATOR_CREDENTIALS',
            message: 'No AWS credentials for the AWS profile "default".',
            hint: 'neutral',
            facts: { source: 'aws-profile', profile: 'default' },
          },
        }),
    });
    await openRegisterForMe(bridge);
    fireEvent.click(screen.getByTestId(TESTIDS.registerRun));
    const hint = await screen.findByTestId(TESTIDS.errorHint);
    expect(hint.textContent).toContain('Sign in for the AWS profile “default” in a terminal');
    expect(hint.textContent).toContain('“AWS credentials for these calls”');
    expect(screen.getByTestId(TESTIDS.registerRun).textContent).toBe('Try again');
  });
});

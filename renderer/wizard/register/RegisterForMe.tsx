import { useEffect, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { SETUP_STEP_IDS, SETUP_STEP_SUCCEEDED } from '../../../shared/domain/registration';
import type { TrustCondition } from '../../../shared/domain/registration';
import type { ErrorInfo } from '../../../shared/errors';
import type { CertificateSummary, Profile } from '../../../shared/schemas/models';
import { api, toErrorInfo } from '../../api';
import CheckboxOption from '../../components/CheckboxOption';
import CodeBlock from '../../components/CodeBlock';
import ErrorAlert from '../../components/ErrorAlert';
import Loading from '../../components/Loading';
import OperatorSourceSelect from '../../components/OperatorSourceSelect';
import RegionSelect from '../../components/RegionSelect';
import { endpointProblem } from '../../endpoint-field';
import { useLoad } from '../../hooks/use-load';
import { usePublicCopy } from '../../hooks/use-public-copy';
import { initialSource, sourceOptions } from '../../operator-sources';
import { TESTIDS } from '../../testids';
import { MONO_FONT } from '../../theme';
import { defaultRoleName, parsePolicyArns, roleNameProblem } from './register-form';
import SetupStepsList from './SetupStepsList';
import { STEP_LABEL, stepArn } from './setup-words';
import type { SetupStep } from './setup-words';
import { useSetupRun } from './use-setup-run';
import type { SetupRequest } from './use-setup-run';

export interface RegisterForMeProps {
  ca: CertificateSummary;
  client: CertificateSummary;
  /** The wizard's region (shared with the console steps and step 4). */
  region: string | undefined;
  onRegion: (region: string | undefined) => void;
  /** The setup saved its Anchorage profile: the wizard takes it (`connected` when its test passed). */
  onRegistered: (done: {
    profile: Profile;
    connected: boolean;
    region: string;
    trustAnchorArn: string | undefined;
  }) => void;
  /** On to the wizard's next open step. */
  onContinue: () => void;
}

type Focus = 'plan' | 'result' | 'done';

/** The steps before the first progress answer: each one waiting. */
const WAITING: SetupStep[] = SETUP_STEP_IDS.map((id) => ({ id, status: 'planned', calls: [] }));

/** What the live list is doing, in one sentence for screen readers (role=status). */
function runStatus(steps: readonly SetupStep[]): string {
  const running = steps.find((s) => s.status === 'running');
  const done = steps.filter((s) => SETUP_STEP_SUCCEEDED.has(s.status)).length;
  return running
    ? `${done} of ${steps.length} steps done; now: ${STEP_LABEL[running.id]}.`
    : `${done} of ${steps.length} steps done.`;
}

/**
 * Step 3 through AWS's own APIs (issue 12 §6): choose whose credentials make the calls, review the dry run (each
 * step's calls, and the policy the operator needs), then register and watch each step; a failed step says what
 * to do, and "Try again" continues where it stopped (setup is idempotent).
 */
export default function RegisterForMe(props: RegisterForMeProps) {
  const { ca, client, region, onRegion, onRegistered, onContinue } = props;
  const sources = useLoad(() => api.awsSources());
  const [source, setSource] = useState<string>();
  const [roleName, setRoleName] = useState(() => defaultRoleName(client));
  const [policyText, setPolicyText] = useState('');
  const [pinCn, setPinCn] = useState(true);
  const [pinAnchor, setPinAnchor] = useState(true);
  const [endpoint, setEndpoint] = useState('');
  const [updateTrust, setUpdateTrust] = useState(false);
  const [reviewedKey, setReviewedKey] = useState<string>();
  const [adoptError, setAdoptError] = useState<ErrorInfo>();
  const [focus, setFocus] = useState<{ target: Focus }>();
  const review = useSetupRun();
  const register = useSetupRun();
  const copy = usePublicCopy();
  const planHeading = useRef<HTMLHeadingElement>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const doneTitle = useRef<HTMLDivElement>(null);

  // After Review or Register the focus goes to what it produced (the buttons stay, but the news is below).
  // Each request is a new object, so the effect runs once per request.
  useEffect(() => {
    if (focus) ({ plan: planHeading, result: resultHeading, done: doneTitle })[focus.target].current?.focus();
  }, [focus]);

  const options = sources.data ? sourceOptions(sources.data) : [];
  const chosen = source ?? (sources.data ? initialSource(sources.data) : undefined);
  const operator = options.find((o) => o.value === chosen)?.source;
  const policies = parsePolicyArns(policyText);
  const roleProblem = roleNameProblem(roleName);
  const endpointError = endpointProblem(endpoint);
  const defaultRegion = sources.data?.defaultRegion;
  const regionMissing = !region && !defaultRegion;
  const conditions: TrustCondition[] = [
    ...(pinCn ? (['cn'] as const) : []),
    ...(pinAnchor ? (['source-arn'] as const) : []),
  ];
  const request: SetupRequest | undefined = operator && {
    operator,
    ...(region ? { region } : {}),
    ca: ca.id,
    certificate: client.id,
    roleName: roleName.trim(),
    policyArns: policies.arns,
    conditions,
    ...(endpoint.trim() ? { endpoint: endpoint.trim() } : {}),
    updateTrust,
  };
  const ready =
    request !== undefined && !roleProblem && !policies.problem && !endpointError && !regionMissing;
  const key = JSON.stringify(request ?? null);
  const plan = review.result && reviewedKey === key ? review.result : undefined;
  const busy = review.busy || register.busy;
  const result = register.result;
  const failed = register.error !== undefined || (result !== undefined && !result.complete);

  const doReview = async () => {
    if (!ready || busy) return;
    setReviewedKey(key);
    await review.run(request, true);
    setFocus({ target: 'plan' });
  };

  const doRegister = async () => {
    if (!ready || busy) return;
    setAdoptError(undefined);
    const answer = await register.run(request, false);
    if (answer?.profile) {
      // The saved profile goes into the wizard even when its test failed: step 5 can test it again.
      try {
        const profile = await api.profileGet({ name: answer.profile });
        onRegistered({
          profile,
          connected: answer.complete && answer.identity !== undefined,
          region: answer.region,
          trustAnchorArn: stepArn(answer.steps, 'trust-anchor'),
        });
      } catch (e) {
        setAdoptError(toErrorInfo(e));
      }
    }
    setFocus({ target: answer?.complete ? 'done' : 'result' });
  };

  if (sources.loading && !sources.data) return <Loading />;
  if (!sources.data) {
    return <ErrorAlert error={sources.error} onRetry={() => void sources.reload()} />;
  }
  const policyJson = plan ? JSON.stringify(plan.operatorPolicy, null, 2) : '';
  const liveSteps = register.steps ?? (register.busy ? (plan?.steps ?? WAITING) : undefined);

  return (
    <Stack spacing={3}>
      <Typography variant="body2" color="text.secondary">
        Anchorage creates the trust anchor, the role and the profile through AWS’s own APIs (or reuses what is
        there), saves the profile with its three ARNs, and tests it. It needs AWS credentials allowed to do
        so, once; it stores none of them.
      </Typography>
      <Stack spacing={2.5}>
        <OperatorSourceSelect
          sources={sources.data}
          value={chosen ?? ''}
          onChange={setSource}
          testId={TESTIDS.registerSource}
        />
        <RegionSelect
          value={region}
          onChange={onRegion}
          helperText={
            regionMissing
              ? 'Choose the region: the AWS configuration gives none.'
              : 'Where the trust anchor and the profile are created; the profile is saved with it.'
          }
          configuredRegion={defaultRegion}
          testId={TESTIDS.registerRegion}
        />
        <TextField
          label="Role name"
          value={roleName}
          onChange={(e) => setRoleName(e.target.value)}
          error={Boolean(roleProblem)}
          helperText={
            roleProblem ??
            'The IAM role its sessions assume; an existing role of this name is reused. The profiles (in AWS and in Anchorage) take this name too.'
          }
          sx={{ maxWidth: 420 }}
          slotProps={{
            htmlInput: { 'data-testid': TESTIDS.registerRoleName, spellCheck: false, autoComplete: 'off' },
          }}
        />
        <TextField
          label="Permission policy ARNs (optional)"
          value={policyText}
          onChange={(e) => setPolicyText(e.target.value)}
          multiline
          minRows={2}
          error={Boolean(policies.problem)}
          helperText={
            policies.problem ??
            'One per line, attached to the role: what its sessions may do, e.g. arn:aws:iam::aws:policy/ReadOnlyAccess.'
          }
          placeholder="arn:aws:iam::aws:policy/ReadOnlyAccess"
          slotProps={{
            htmlInput: { 'data-testid': TESTIDS.registerPolicyArns, spellCheck: false, autoComplete: 'off' },
          }}
        />
        <Box>
          <Typography variant="subtitle2" component="h3">
            Who may assume the role
          </Typography>
          <CheckboxOption
            checked={pinCn}
            onChange={setPinCn}
            testId={TESTIDS.registerConditionCn}
            title={`Only certificates with CN “${client.commonName}”`}
            help="The trust policy pins the certificate’s subject CN (aws:PrincipalTag/x509Subject/CN)."
          />
          <CheckboxOption
            checked={pinAnchor}
            onChange={setPinAnchor}
            testId={TESTIDS.registerConditionSourceArn}
            title="Only sessions through this trust anchor"
            help="The trust policy pins the trust anchor (aws:SourceArn), so another anchor’s certificates cannot use the role."
          />
        </Box>
        <Divider textAlign="left">
          <Typography variant="caption" color="text.secondary">
            Advanced
          </Typography>
        </Divider>
        <Box>
          <CheckboxOption
            checked={updateTrust}
            onChange={setUpdateTrust}
            testId={TESTIDS.registerUpdateTrust}
            title="Replace an existing role’s trust policy"
            help="Off: a role of that name whose trust policy differs stops the setup and shows the difference."
          />
          {updateTrust && (
            <Alert severity="warning" sx={{ mt: 1 }}>
              Whatever the role trusts now (other services, accounts or trust anchors) loses access to it when
              its trust policy is replaced.
            </Alert>
          )}
        </Box>
        <TextField
          label="CreateSession endpoint (optional)"
          value={endpoint}
          onChange={(e) => setEndpoint(e.target.value)}
          error={Boolean(endpointError)}
          helperText={
            endpointError ??
            'Saved with the profile. Leave empty for AWS; set it for a VPC endpoint, or a local emulator when testing.'
          }
          placeholder="https://rolesanywhere.eu-west-1.amazonaws.com"
          sx={{ maxWidth: 520 }}
          slotProps={{
            htmlInput: { 'data-testid': TESTIDS.registerEndpoint, spellCheck: false, autoComplete: 'off' },
          }}
        />
      </Stack>

      <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <Button
          variant="outlined"
          onClick={() => void doReview()}
          disabled={!ready}
          aria-disabled={busy ? 'true' : undefined}
          data-testid={TESTIDS.registerReview}
        >
          {review.busy ? 'Reviewing…' : 'Review'}
        </Button>
        <Button
          variant="contained"
          onClick={() => void doRegister()}
          disabled={!ready}
          // Not `disabled` while it runs: a disabled button that has the focus drops it to <body>.
          aria-disabled={busy ? 'true' : undefined}
          data-testid={TESTIDS.registerRun}
        >
          {register.busy ? 'Registering…' : failed ? 'Try again' : 'Register'}
        </Button>
      </Stack>
      <ErrorAlert error={review.error} />

      {plan && (
        <Stack spacing={1.5}>
          <Typography
            variant="subtitle1"
            component="h3"
            ref={planHeading}
            tabIndex={-1}
            sx={{ outline: 'none' }}
          >
            What Register would do in {plan.region}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            Nothing was called. Each step first looks for what exists and reuses it.
          </Typography>
          <SetupStepsList
            steps={plan.steps}
            label="Planned steps"
            testId={TESTIDS.registerPlan}
            mode="plan"
          />
          <Typography variant="body2">
            The AWS credentials need this policy (least privilege); give it to the user or role whose
            credentials you chose.
          </Typography>
          <CodeBlock
            label="Operator policy (JSON)"
            text={policyJson}
            testId={TESTIDS.registerOperatorPolicy}
            copyTestId={TESTIDS.registerOperatorPolicyCopy}
            onCopy={() => void copy.run('Operator policy', policyJson)}
            maxHeight={220}
          />
          <ErrorAlert error={copy.error} />
        </Stack>
      )}

      {(liveSteps || register.error) && (
        <Stack spacing={1}>
          <Typography
            variant="subtitle1"
            component="h3"
            ref={resultHeading}
            tabIndex={-1}
            sx={{ outline: 'none' }}
          >
            {register.busy ? 'Registering…' : failed ? 'Registration stopped' : 'Registered'}
          </Typography>
          {liveSteps && (
            <>
              <Typography variant="body2" color="text.secondary" role="status">
                {runStatus(liveSteps)}
              </Typography>
              <SetupStepsList
                steps={liveSteps}
                label="Registration steps"
                testId={TESTIDS.registerSteps}
                mode="run"
              />
            </>
          )}
          <ErrorAlert error={register.error ?? adoptError} />
          {failed && !register.busy && (
            <Typography variant="body2" color="text.secondary">
              What exists stays. Fix what the failed step names, then choose Try again: it continues from
              there.
            </Typography>
          )}
        </Stack>
      )}

      {result?.complete && !register.busy && (
        <Alert
          severity="success"
          data-testid={TESTIDS.registerDone}
          sx={{ '& .MuiAlert-message': { minWidth: 0 } }}
        >
          <AlertTitle ref={doneTitle} tabIndex={-1} sx={{ outline: 'none', overflowWrap: 'anywhere' }}>
            Registered{result.identity ? ' and tested' : ''}: profile “{result.profile}” is saved
          </AlertTitle>
          {result.identity && (
            <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
              Its sessions work: you are{' '}
              <Box component="span" sx={{ fontFamily: MONO_FONT, wordBreak: 'break-all' }}>
                {result.identity.Arn}
              </Box>{' '}
              in account {result.identity.Account}.
            </Typography>
          )}
          <Button
            variant="contained"
            color="success"
            onClick={onContinue}
            sx={{ mt: 1.5 }}
            data-testid={TESTIDS.registerContinue}
          >
            {result.identity ? 'Continue to your credentials' : 'Continue to the test'}
          </Button>
        </Alert>
      )}
    </Stack>
  );
}

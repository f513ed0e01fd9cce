import { useState } from 'react';
import Alert from '@mui/material/Alert';
import type { CertificateSummary } from '../../shared/schemas/models';
import { TESTIDS } from '../testids';
import ModeTabs from './ModeTabs';
import ManualRegister from './register/ManualRegister';
import RegisterForMe from './register/RegisterForMe';
import type { RegisterForMeProps } from './register/RegisterForMe';

export interface RegisterStepProps {
  ca: CertificateSummary;
  client: CertificateSummary | undefined;
  /** The region chosen here (console links, Register for me), carried into step 4. */
  region: string | undefined;
  /** The trust anchor ARN typed for the policy's aws:SourceArn condition, carried into step 4. */
  trustAnchorArn: string | undefined;
  onChange: (patch: { region?: string; trustAnchorArn?: string }) => void;
  onRegistered: RegisterForMeProps['onRegistered'];
  onContinue: () => void;
}

type Mode = 'console' | 'auto';

/**
 * Step 3: register the CA, the role and the profile with AWS, by hand in the console (the steps and what to
 * paste) or by Anchorage through AWS's APIs (issue 12 §6). The console comes first: it needs no AWS
 * credentials in Anchorage.
 */
export default function RegisterStep(props: RegisterStepProps) {
  const { ca, client, region, trustAnchorArn, onChange, onRegistered, onContinue } = props;
  const [mode, setMode] = useState<Mode>('console');
  return (
    <ModeTabs<Mode>
      label="How to register with AWS"
      value={mode}
      onChange={setMode}
      modes={[
        { key: 'console', label: 'In the AWS console', testId: TESTIDS.registerModeConsole },
        { key: 'auto', label: 'Register for me', testId: TESTIDS.registerModeAuto },
      ]}
    >
      {mode === 'console' && (
        <ManualRegister
          ca={ca}
          client={client}
          region={region}
          trustAnchorArn={trustAnchorArn}
          onChange={onChange}
        />
      )}
      {mode === 'auto' &&
        (client ? (
          <RegisterForMe
            ca={ca}
            client={client}
            region={region}
            onRegion={(value) => onChange({ region: value })}
            onRegistered={onRegistered}
            onContinue={onContinue}
          />
        ) : (
          <Alert severity="info">
            Issue or choose a client certificate in step 2 first: the role trusts it.
          </Alert>
        ))}
    </ModeTabs>
  );
}

import type { CertificateSummary } from '../../shared/schemas/models';
import CertificateSummaryCard from '../components/CertificateSummaryCard';
import IssueCertForm from '../components/IssueCertForm';
import { TESTIDS } from '../testids';

export interface ClientStepProps {
  ca: CertificateSummary;
  client: CertificateSummary | undefined;
  onClient: (client: CertificateSummary | undefined) => void;
}

/** Step 2: issue the client certificate that will sign CreateSession. */
export default function ClientStep({ ca, client, onClient }: ClientStepProps) {
  if (client) {
    return (
      <CertificateSummaryCard
        cert={client}
        title="Client certificate issued"
        testId={TESTIDS.certIssued}
        onChange={() => onClient(undefined)}
        changeLabel="Issue another"
      />
    );
  }
  return <IssueCertForm cas={[ca]} defaultCa={ca.id} onIssued={onClient} />;
}

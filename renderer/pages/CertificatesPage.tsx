import { useState } from 'react';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import WorkspacePremiumIcon from '@mui/icons-material/WorkspacePremium';
import type { CertificateSummary } from '../../shared/schemas/models';
import { api } from '../api';
import CertificateDrawer from '../components/CertificateDrawer';
import CertificateTable from '../components/CertificateTable';
import CreateCaForm from '../components/CreateCaForm';
import ErrorAlert from '../components/ErrorAlert';
import FormDialog from '../components/FormDialog';
import ImportPanel from '../components/ImportPanel';
import IssueCertForm from '../components/IssueCertForm';
import Loading from '../components/Loading';
import PageHeader from '../components/PageHeader';
import { useLoad } from '../hooks/use-load';
import { TESTIDS } from '../testids';

type DialogKind = 'ca' | 'issue' | 'import';

const canSign = (c: CertificateSummary) =>
  c.kind === 'ca' && c.hasPrivateKey && (c.status === 'valid' || c.status === 'expiring');

/** Every CA and client certificate, with details, readiness checks, issue, import, export, revoke and CRL. */
export default function CertificatesPage() {
  const certs = useLoad(() => api.certList());
  const [openId, setOpenId] = useState<string>();
  const [dialog, setDialog] = useState<DialogKind>();
  const list = certs.data ?? [];
  const open = list.find((c) => c.id === openId);
  const signers = list.filter(canSign);

  const done = () => {
    setDialog(undefined);
    void certs.reload();
  };

  return (
    <>
      <PageHeader
        title="Certificates"
        subtitle="Your certificate authorities and the client certificates they issued."
        actions={
          <>
            <Button variant="outlined" startIcon={<WorkspacePremiumIcon />} onClick={() => setDialog('ca')}>
              New CA
            </Button>
            <Button variant="outlined" startIcon={<UploadFileIcon />} onClick={() => setDialog('import')}>
              Import
            </Button>
            <Button
              variant="contained"
              startIcon={<AddIcon />}
              onClick={() => setDialog('issue')}
              disabled={signers.length === 0}
              data-testid={TESTIDS.certIssueOpen}
            >
              Issue certificate
            </Button>
          </>
        }
      />
      <ErrorAlert error={certs.error} sx={{ mb: 2 }} />
      {certs.loading && !certs.data && <Loading />}
      {certs.data && list.length === 0 && (
        <Paper variant="outlined" sx={{ p: 5, textAlign: 'center' }}>
          <Typography variant="h6">No certificates yet</Typography>
          <Typography color="text.secondary">
            Create a CA (or run the setup wizard), or drop existing PEM or PFX files with Import.
          </Typography>
        </Paper>
      )}
      {list.length > 0 && <CertificateTable certs={list} onOpen={(c) => setOpenId(c.id)} />}
      {open && (
        <CertificateDrawer
          cert={open}
          onClose={() => setOpenId(undefined)}
          onChanged={() => void certs.reload()}
        />
      )}
      <FormDialog
        open={dialog === 'ca'}
        title="New certificate authority"
        onClose={() => setDialog(undefined)}
      >
        <CreateCaForm onCreated={done} />
      </FormDialog>
      <FormDialog
        open={dialog === 'issue'}
        title="Issue a client certificate"
        onClose={() => setDialog(undefined)}
        testId={TESTIDS.issueDialog}
      >
        <IssueCertForm cas={signers} onIssued={done} />
      </FormDialog>
      <FormDialog open={dialog === 'import'} title="Import certificates" onClose={() => setDialog(undefined)}>
        <ImportPanel onImported={() => void certs.reload()} />
      </FormDialog>
    </>
  );
}

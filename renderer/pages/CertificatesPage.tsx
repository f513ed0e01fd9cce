import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import WorkspacePremiumIcon from '@mui/icons-material/WorkspacePremium';
import type { ErrorInfo } from '../../shared/errors';
import type { CertificateSummary } from '../../shared/schemas/models';
import { api, toErrorInfo } from '../api';
import {
  DEFAULT_SORT,
  EMPTY_QUERY,
  expiringSoon,
  issuedBy,
  listRows,
  profilesUsing,
  renewBlocker,
  treeRows,
} from '../certificate-relations';
import type { CertificateQuery, Sort } from '../certificate-relations';
import CertificateDrawer, { DRAWER_TITLE_ID, READINESS_ID } from '../components/CertificateDrawer';
import CertificateFilters from '../components/CertificateFilters';
import type { CertificateView } from '../components/CertificateFilters';
import CertificateTable from '../components/CertificateTable';
import CreateCaForm from '../components/CreateCaForm';
import ErrorAlert from '../components/ErrorAlert';
import ExpiringSoonPanel from '../components/ExpiringSoonPanel';
import FormDialog from '../components/FormDialog';
import ImportPanel from '../components/ImportPanel';
import IssueCertForm from '../components/IssueCertForm';
import LifecycleDialog from '../components/LifecycleDialog';
import type { LifecycleVerb } from '../components/CertificateActionsMenu';
import Loading from '../components/Loading';
import PageHeader from '../components/PageHeader';
import RenewedNotice from '../components/RenewedNotice';
import type { RenewOutcome } from '../components/RenewDialog';
import UndoSnackbar from '../components/UndoSnackbar';
import { plural } from '../format';
import { useLoad } from '../hooks/use-load';
import { TESTIDS } from '../testids';

type DialogKind = 'ca' | 'issue' | 'import';

/** A lifecycle dialog: the verb, the certificate as it was, and the control that opened it. */
interface Pending {
  verb: LifecycleVerb;
  cert: CertificateSummary;
  from: HTMLElement;
  open: boolean;
}

/** Where the focus goes once a dialog has closed: an element, or the id of one that the result shows. */
type FocusTarget = HTMLElement | string;

const canSign = (c: CertificateSummary) =>
  c.kind === 'ca' && c.hasPrivateKey && (c.status === 'valid' || c.status === 'expiring');

/**
 * Every CA and client certificate: what expires soon, search, filters, sort, a list or hierarchy view, details
 * with readiness checks, and the lifecycle (issue, import, export, rename, renew, revoke, delete, CRL).
 */
export default function CertificatesPage() {
  const certs = useLoad(() => api.certList());
  const profiles = useLoad(() => api.profileList());
  const [openId, setOpenId] = useState<string>();
  const [dialog, setDialog] = useState<DialogKind>();
  const [query, setQuery] = useState<CertificateQuery>(EMPTY_QUERY);
  const [sort, setSort] = useState<Sort>(DEFAULT_SORT);
  const [view, setView] = useState<CertificateView>('list');
  const [pending, setPending] = useState<Pending>();
  const [notice, setNotice] = useState<{ certId: string; content: ReactNode }>();
  const [snack, setSnack] = useState<{ message: string; undo?: () => void }>();
  const [undoError, setUndoError] = useState<ErrorInfo>();
  const focusAfter = useRef<FocusTarget>(undefined);
  const searchRef = useRef<HTMLInputElement>(null);
  const titleOnSwitch = useRef(false);

  const list = useMemo(() => certs.data ?? [], [certs.data]);
  const users = useMemo(() => profiles.data ?? [], [profiles.data]);
  const byId = useMemo(() => new Map(list.map((c) => [c.id, c])), [list]);
  const rows = useMemo(
    () => (view === 'tree' ? treeRows(list, query, sort) : listRows(list, query, sort)),
    [list, query, sort, view],
  );
  const expiring = useMemo(() => expiringSoon(list, users), [list, users]);
  const open = openId ? byId.get(openId) : undefined;
  const signers = list.filter(canSign);
  const blockerOf = (c: CertificateSummary) => renewBlocker(c, byId);

  // Another certificate shown in the open drawer (its issuer): its title takes the focus, as the link is gone.
  useEffect(() => {
    if (!titleOnSwitch.current) return;
    titleOnSwitch.current = false;
    document.getElementById(DRAWER_TITLE_ID)?.focus();
  }, [openId]);

  const reload = () => Promise.all([certs.reload(), profiles.reload()]);
  const done = () => {
    setDialog(undefined);
    void certs.reload();
  };
  const show = (cert: CertificateSummary, fromDrawer = false) => {
    titleOnSwitch.current = fromDrawer && openId !== undefined;
    if (cert.id !== notice?.certId) setNotice(undefined);
    setOpenId(cert.id);
  };
  const start = (verb: LifecycleVerb, cert: CertificateSummary, from: HTMLElement) => {
    setUndoError(undefined);
    focusAfter.current = undefined;
    setPending({ verb, cert, from, open: true });
  };
  /** Close the dialog; once it has gone, the focus goes to `target` (default: the control that opened it). */
  const finish = (target?: FocusTarget) => {
    focusAfter.current = target ?? pending?.from;
    setPending((p) => p && { ...p, open: false });
  };
  const exited = () => {
    const target = focusAfter.current;
    focusAfter.current = undefined;
    setPending(undefined);
    const el = typeof target === 'string' ? document.getElementById(target) : target;
    // Fallbacks: the search field, or (the last certificate deleted) the page itself.
    (el?.isConnected ? el : (searchRef.current ?? document.getElementById('main')))?.focus();
  };

  const renamed = async (r: { previousName: string; certificate: CertificateSummary }) => {
    await certs.reload();
    const from = pending?.from;
    finish();
    const undo = async () => {
      setSnack(undefined);
      try {
        await api.certRename({ ref: r.certificate.id, name: r.previousName });
        await certs.reload();
        setSnack({ message: `Renamed back to “${r.previousName}”` });
      } catch (e) {
        setUndoError(toErrorInfo(e));
      }
      // Undo has gone with the snackbar: back to the control the rename came from.
      (from?.isConnected ? from : searchRef.current)?.focus();
    };
    setSnack({
      message: `Renamed “${r.previousName}” to “${r.certificate.name}”`,
      undo: () => void undo(),
    });
  };
  const renewed = async (outcome: RenewOutcome) => {
    await reload();
    const id = outcome.kind === 'client' ? outcome.certificate.id : outcome.ca.id;
    // A renewed CA's trust anchor must hold the new certificate too: the notice offers to update it (issue 12 §4).
    const onUpdateAnchor =
      outcome.kind === 'ca' ? (from: HTMLElement) => start('update-anchor', outcome.ca, from) : undefined;
    setNotice({
      certId: id,
      content: <RenewedNotice outcome={outcome} {...(onUpdateAnchor ? { onUpdateAnchor } : {})} />,
    });
    setOpenId(id);
    finish(DRAWER_TITLE_ID);
  };
  const revoked = async (cert: CertificateSummary) => {
    await reload();
    finish(openId === cert.id ? READINESS_ID : undefined);
    setSnack({ message: `Revoked “${cert.name}”` });
  };
  const deleted = async (r: { name: string; orphaned: string[] }) => {
    await reload();
    setOpenId(undefined);
    setNotice(undefined);
    finish(searchRef.current ?? undefined);
    setSnack({
      message: r.orphaned.length
        ? `Deleted “${r.name}”; ${plural(r.orphaned.length, 'certificate')} ${r.orphaned.length === 1 ? 'stays' : 'stay'} without an issuer`
        : `Deleted “${r.name}” and its private key`,
    });
  };

  // Shown once the dialog has gone (while it fades, the page is still hidden from screen readers).
  const snackbar = (
    <UndoSnackbar
      message={pending ? undefined : snack?.message}
      onUndo={snack?.undo}
      onClose={() => setSnack(undefined)}
    />
  );

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
      <ErrorAlert error={certs.error} onRetry={() => void certs.reload()} sx={{ mb: 2 }} />
      <ErrorAlert error={profiles.error} onRetry={() => void profiles.reload()} sx={{ mb: 2 }} />
      <ErrorAlert error={undoError} onClose={() => setUndoError(undefined)} sx={{ mb: 2 }} />
      {certs.loading && !certs.data && <Loading />}
      {certs.data && list.length === 0 && (
        <Paper variant="outlined" sx={{ p: 5, textAlign: 'center' }}>
          <Typography variant="h6" component="h2">
            No certificates yet
          </Typography>
          <Typography color="text.secondary">
            Create a CA (or run the setup wizard), or drop existing PEM or PFX files with Import.
          </Typography>
        </Paper>
      )}
      {list.length > 0 && (
        <>
          <ExpiringSoonPanel
            items={expiring}
            onOpen={(c) => show(c)}
            onRenew={(c, from) => start('renew', c, from)}
            renewBlocker={blockerOf}
          />
          <CertificateFilters
            query={query}
            onQuery={setQuery}
            view={view}
            onView={setView}
            searchRef={searchRef}
          />
          <CertificateTable
            rows={rows}
            byId={byId}
            sort={sort}
            onSort={setSort}
            onOpen={(c) => show(c)}
            onAction={start}
            renewBlocker={blockerOf}
          />
          {/* Always in the DOM, so that a screen reader hears when a search empties the table. */}
          <Typography color="text.secondary" sx={{ mt: rows.length ? 0 : 2 }} role="status">
            {rows.length === 0 ? 'No certificate matches the search and filters.' : ''}
          </Typography>
        </>
      )}
      {open && (
        <CertificateDrawer
          cert={open}
          issuer={open.issuerId ? byId.get(open.issuerId) : undefined}
          usedBy={profilesUsing(open, users)}
          issued={open.kind === 'ca' ? issuedBy(open, list) : []}
          renewBlocker={blockerOf(open)}
          notice={notice?.certId === open.id ? notice.content : undefined}
          onClose={() => {
            setOpenId(undefined);
            setNotice(undefined);
          }}
          onOpen={(c) => show(c, true)}
          onAction={start}
        >
          {snackbar}
        </CertificateDrawer>
      )}
      {!open && snackbar}
      {pending && (
        <LifecycleDialog
          key={`${pending.verb}:${pending.cert.id}`}
          verb={pending.verb}
          cert={pending.cert}
          certs={list}
          profiles={users}
          open={pending.open}
          onClose={() => finish()}
          onExited={exited}
          onRenamed={renamed}
          onRenewed={renewed}
          onRevoked={revoked}
          onDeleted={deleted}
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

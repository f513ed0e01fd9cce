/**
 * Run the emulator standalone for demos and manual testing:
 *
 *   npx tsx test/emulator/cli.ts --region us-east-1 --trust-anchor-cert ca.pem [--port 8443] [--crl ca.crl]
 *     [--operator-key-id AKIA…]   (its secret in ANCHORAGE_EMULATOR_OPERATOR_SECRET, never argv)
 *
 * It creates one trust anchor holding the given CA certificate(s), one profile and one role, with ARNs that
 * are the same on every run (derived from the region), and one operator allowed every control-plane call
 * (IAM, Roles Anywhere): by default AWS's public documentation example key pair, printed at start. It
 * prints the URL, the three ARNs and the operator, and runs until Ctrl-C. Control it over HTTP:
 * GET /__emulator/stats, GET /__emulator/calls, POST /__emulator/faults, POST /__emulator/config.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_ACCOUNT as ACCOUNT } from './config';
import { EXAMPLE_OPERATOR } from './control-plane/operators';
import { startEmulator } from './server';

const SECRET_ENV = 'ANCHORAGE_EMULATOR_OPERATOR_SECRET';

/** A UUID derived from a label, so the ARNs printed are the same from run to run. */
function deterministicUuid(label: string): string {
  const h = createHash('sha256').update(`anchorage-emulator:${label}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function fail(message: string): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      region: { type: 'string', default: 'us-east-1' },
      'trust-anchor-cert': { type: 'string', multiple: true },
      crl: { type: 'string', multiple: true },
      port: { type: 'string', default: '0' },
      'duration-seconds': { type: 'string', default: '3600' },
      'operator-key-id': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(
      'usage: tsx test/emulator/cli.ts --trust-anchor-cert ca.pem [--region us-east-1] [--port 0] [--crl ca.crl] [--duration-seconds 3600]\n' +
        `       [--operator-key-id AKIA…]  the control-plane operator's access key id; its secret in ${SECRET_ENV}.\n` +
        `       Without it the operator is AWS's public example pair ${EXAMPLE_OPERATOR.accessKeyId}, printed at start.\n`,
    );
    return;
  }
  const certFiles =
    values['trust-anchor-cert'] ??
    fail('--trust-anchor-cert <ca.pem> is required (the CA your client certificate chains to).');
  const region = values.region;
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region))
    fail(`--region '${region}' is not a region name such as us-east-1.`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`--port '${values.port}' is not a port number.`);
  const maxDuration = Number(values['duration-seconds']);
  if (!Number.isInteger(maxDuration) || maxDuration < 900 || maxDuration > 43200) {
    fail('--duration-seconds must be an integer between 900 and 43200.');
  }

  const keyId = values['operator-key-id'];
  const secret = process.env[SECRET_ENV];
  if (keyId !== undefined && !/^[A-Z0-9]{16,128}$/.test(keyId))
    fail('--operator-key-id must be an access key id such as AKIAIOSFODNN7EXAMPLE.');
  if (keyId !== undefined && !secret)
    fail(
      `--operator-key-id needs the operator's secret access key in the environment variable ${SECRET_ENV}.`,
    );
  const operator = keyId && secret ? { accessKeyId: keyId, secretAccessKey: secret } : EXAMPLE_OPERATOR;

  const read = (file: string): string => {
    try {
      return readFileSync(file, 'utf8');
    } catch (err) {
      return fail(`cannot read ${file}: ${(err as Error).message}`);
    }
  };
  const certificatesPem = certFiles.map(read);
  if (!certificatesPem.every((p) => p.includes('-----BEGIN CERTIFICATE-----'))) {
    fail('--trust-anchor-cert must name PEM files holding CERTIFICATE blocks.');
  }

  const trustAnchorArn = `arn:aws:rolesanywhere:${region}:${ACCOUNT}:trust-anchor/${deterministicUuid(`ta:${region}`)}`;
  const profileArn = `arn:aws:rolesanywhere:${region}:${ACCOUNT}:profile/${deterministicUuid(`profile:${region}`)}`;
  const roleArn = `arn:aws:iam::${ACCOUNT}:role/anchorage-emulator`;
  const emulator = await startEmulator(
    {
      region,
      trustAnchors: [{ arn: trustAnchorArn, certificatesPem }],
      profiles: [{ arn: profileArn, roleArns: [roleArn], durationSeconds: maxDuration }],
      crls: (values.crl ?? []).map((file) => ({ trustAnchorArn, crlPem: read(file) })),
      operators: [operator],
    },
    { port },
  );
  process.stdout.write(
    [
      `IAM Roles Anywhere + STS emulator listening on ${emulator.url}`,
      `  region:           ${region}`,
      `  trust anchor ARN: ${trustAnchorArn}`,
      `  profile ARN:      ${profileArn}`,
      `  role ARN:         ${roleArn}`,
      `  operator key id:  ${operator.accessKeyId} (account ${ACCOUNT}, every IAM and Roles Anywhere action)`,
      // Only the public example secret is ever printed; one given through the environment stays there.
      operator === EXAMPLE_OPERATOR
        ? `  operator secret:  ${EXAMPLE_OPERATOR.secretAccessKey} (AWS's public documentation example)`
        : `  operator secret:  from ${SECRET_ENV}`,
      `Point clients at it with --endpoint ${emulator.url} (and AWS_ENDPOINT_URL=${emulator.url} for STS, IAM and Roles Anywhere; IAM signs for us-east-1). Ctrl-C stops it.`,
      '',
    ].join('\n'),
  );
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();

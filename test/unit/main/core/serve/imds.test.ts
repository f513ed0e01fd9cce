// Issue 11 §1, `--imds`: the IMDSv2 flow as botocore's InstanceMetadataFetcher walks it (PUT the token with its
// TTL, list iam/security-credentials/, GET the document), and what EC2 refuses.
import { describe, expect, it } from 'vitest';
import { coreWithAwsEachTest } from '../../../../support/core-harness';
import { send, serve } from './serve-harness';
import type { Served } from './serve-harness';

const world = coreWithAwsEachTest(new Date('2026-03-02T10:00:00Z'));
const TTL = 'X-aws-ec2-metadata-token-ttl-seconds';
const CREDENTIALS = 'latest/meta-data/iam/security-credentials/';

async function imdsServed(): Promise<Served & { base: string }> {
  await world.aws.profile('dev');
  await world.aws.profile('ops');
  const s = await serve(world.t, ['dev', 'ops'], { imds: 'dev' });
  return { ...s, base: s.server.imds!.url };
}

async function token(base: string, ttl = '21600'): Promise<string> {
  const reply = await send(`${base}latest/api/token`, { method: 'PUT', headers: { [TTL]: ttl } });
  expect(reply.status, reply.body).toBe(200);
  return reply.body;
}

describe('the IMDSv2 endpoint', () => {
  it('hands out a token, lists the one profile, and serves its credentials document', async () => {
    const s = await imdsServed();
    expect(s.server.imds).toEqual({ profile: 'dev', url: `${s.server.url}/` });
    const put = await send(`${s.base}latest/api/token`, { method: 'PUT', headers: { [TTL]: '60' } });
    expect(put.status).toBe(200);
    expect(put.headers['x-aws-ec2-metadata-token-ttl-seconds']).toBe('60');
    const headers = { 'X-aws-ec2-metadata-token': put.body };
    for (const path of [CREDENTIALS, CREDENTIALS.slice(0, -1)]) {
      const list = await send(`${s.base}${path}`, { headers });
      expect(list.status).toBe(200);
      expect(list.body).toBe('dev');
    }
    const doc = await send(`${s.base}${CREDENTIALS}dev`, { headers });
    expect(doc.status).toBe(200);
    const body = doc.json();
    expect(Object.keys(body)).toEqual([
      'Code',
      'LastUpdated',
      'Type',
      'AccessKeyId',
      'SecretAccessKey',
      'Token',
      'Expiration',
    ]);
    expect(body).toMatchObject({ Code: 'Success', Type: 'AWS-HMAC', LastUpdated: '2026-03-02T10:00:00Z' });
    // botocore parses IMDS expirations with %Y-%m-%dT%H:%M:%SZ only.
    expect(body.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // The same session as the profile's container URL, and only that profile.
    expect((await s.fetch('dev')).json().AccessKeyId).toBe(body.AccessKeyId);
    expect((await send(`${s.base}${CREDENTIALS}ops`, { headers })).status).toBe(404);
    expect(world.aws.emu.stats().createSession).toBe(1);
  });

  it('refuses IMDSv1, bad or expired tokens, bad TTLs, proxied token requests and other methods', async () => {
    const s = await imdsServed();
    const good = await token(s.base, '60');
    const cases: [string, ReturnType<typeof send>, number, string][] = [
      ['no token (IMDSv1)', send(`${s.base}${CREDENTIALS}dev`), 401, 'imds-token'],
      [
        'a forged token',
        send(`${s.base}${CREDENTIALS}dev`, {
          headers: { 'X-aws-ec2-metadata-token': `${good.slice(0, -2)}AA` },
        }),
        401,
        'imds-token',
      ],
      ['no TTL', send(`${s.base}latest/api/token`, { method: 'PUT' }), 400, 'imds-ttl'],
      [
        'TTL 0',
        send(`${s.base}latest/api/token`, { method: 'PUT', headers: { [TTL]: '0' } }),
        400,
        'imds-ttl',
      ],
      [
        'TTL 21601',
        send(`${s.base}latest/api/token`, { method: 'PUT', headers: { [TTL]: '21601' } }),
        400,
        'imds-ttl',
      ],
      [
        'TTL 1e3',
        send(`${s.base}latest/api/token`, { method: 'PUT', headers: { [TTL]: '1e3' } }),
        400,
        'imds-ttl',
      ],
      [
        'X-Forwarded-For',
        send(`${s.base}latest/api/token`, {
          method: 'PUT',
          headers: { [TTL]: '60', 'X-Forwarded-For': '10.0.0.1' },
        }),
        403,
        'forwarded',
      ],
      ['GET a token', send(`${s.base}latest/api/token`), 405, 'method'],
      [
        'POST the document',
        send(`${s.base}${CREDENTIALS}dev`, { method: 'POST', headers: { 'X-aws-ec2-metadata-token': good } }),
        405,
        'method',
      ],
      [
        'other metadata',
        send(`${s.base}latest/meta-data/instance-id`, { headers: { 'X-aws-ec2-metadata-token': good } }),
        404,
        'not-found',
      ],
      [
        'a foreign Host',
        send(`${s.base}latest/api/token`, {
          method: 'PUT',
          headers: { [TTL]: '60' },
          host: 'metadata.example',
        }),
        403,
        'host',
      ],
      [
        'an Origin header',
        send(`${s.base}latest/api/token`, {
          method: 'PUT',
          headers: { [TTL]: '60', Origin: 'https://x.example' },
        }),
        403,
        'origin',
      ],
    ];
    for (const [what, pending, status, reason] of cases) {
      const reply = await pending;
      expect(reply.status, what).toBe(status);
      expect(reply.json(), what).toMatchObject({ Code: expect.any(String), Message: expect.any(String) });
      expect(s.events.at(-1), what).toMatchObject({ type: 'refused', reason });
    }
    world.t.clock.advance(61_000);
    const expired = await send(`${s.base}${CREDENTIALS}`, { headers: { 'X-aws-ec2-metadata-token': good } });
    expect(expired.status).toBe(401);
    expect(JSON.stringify(s.events)).not.toContain(good);
  });

  it('is not there without --imds, and a revoked certificate ends its document too', async () => {
    const { t, aws } = world;
    const cert = await aws.profile('dev');
    const plain = await serve(t, ['dev']);
    expect(plain.server.imds).toBeUndefined();
    expect(
      (await send(`${plain.server.url}/latest/api/token`, { method: 'PUT', headers: { [TTL]: '60' } }))
        .status,
    ).toBe(404);
    const s = await serve(t, ['dev'], { imds: 'dev' });
    const headers = { 'X-aws-ec2-metadata-token': await token(s.server.imds!.url) };
    expect((await send(`${s.server.imds!.url}${CREDENTIALS}dev`, { headers })).status).toBe(200);
    await (await t.reopen()).revokeCertificate(cert);
    const doc = await send(`${s.server.imds!.url}${CREDENTIALS}dev`, { headers });
    expect(doc.status).toBe(403);
    expect(doc.json()).toMatchObject({ Code: 'REVOKED' });
  });
});

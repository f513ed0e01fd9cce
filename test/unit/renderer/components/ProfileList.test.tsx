import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import type { ProfileOverview } from '../../../../shared/schemas/models';
import ProfileList from '../../../../renderer/components/ProfileList';
import { TESTIDS } from '../../../../renderer/testids';
import { createFakeBridge, fakeCert } from '../fake-bridge';
import { renderWithApp } from '../render';

afterEach(cleanup);

const LONG = `team-${'x'.repeat(190)}`;

function overview(patch: Partial<ProfileOverview>): ProfileOverview {
  return {
    name: 'dev',
    certificateId: 'c1',
    trustAnchorArn: 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/x',
    profileArn: 'arn:aws:rolesanywhere:us-east-1:123456789012:profile/y',
    roleArn: 'arn:aws:iam::123456789012:role/Demo',
    region: 'us-east-1',
    durationSeconds: 3600,
    createdAt: new Date().toISOString(),
    certificateName: 'workload',
    certificateStatus: 'valid',
    session: { state: 'none' },
    ...patch,
  };
}

describe('ProfileList', () => {
  it('shows certificate and status, region and session length, and the session state of each profile', () => {
    const soon = fakeCert({ id: 'c2', name: 'soon', status: 'expiring', daysToExpiry: 4 });
    const profiles = [
      overview({
        name: 'dev',
        session: { state: 'cached', expiresAt: new Date(Date.now() + 3_600_000).toISOString() },
      }),
      overview({
        name: 'ops',
        certificateId: 'c2',
        certificateName: 'soon',
        certificateStatus: 'expiring',
        region: 'eu-west-1',
        durationSeconds: 900,
        endpoint: 'http://127.0.0.1:4567',
        session: { state: 'expired', expiredAt: new Date(Date.now() - 60_000).toISOString() },
      }),
      overview({ name: LONG, certificateName: 'gone-id', certificateStatus: 'missing' }),
    ];
    const { bridge } = createFakeBridge();
    renderWithApp(
      <ProfileList
        profiles={profiles}
        certificates={[soon]}
        selected="dev"
        onSelect={() => undefined}
        onEdit={() => undefined}
        onRemove={() => undefined}
      />,
      bridge,
    );
    const rows = screen.getAllByTestId(TESTIDS.profileRow);
    const text = (row: HTMLElement, id: string) => within(row).getByTestId(id).textContent;
    expect(text(rows[0]!, TESTIDS.profileRowCertificate)).toBe('workload · valid');
    expect(text(rows[0]!, TESTIDS.profileRowRegion)).toBe('us-east-1 · 1 hour sessions');
    expect(text(rows[0]!, TESTIDS.profileRowSession)).toMatch(/^Session until /);
    expect(within(rows[0]!).getByTestId(TESTIDS.profileRowSession).getAttribute('data-state')).toBe('cached');

    expect(text(rows[1]!, TESTIDS.profileRowCertificate)).toBe('soon · expiring in 4 days');
    expect(text(rows[1]!, TESTIDS.profileRowRegion)).toBe('eu-west-1 · 15 minutes sessions · 127.0.0.1:4567');
    expect(text(rows[1]!, TESTIDS.profileRowSession)).toMatch(/^Session expired at /);

    expect(text(rows[2]!, TESTIDS.profileRowCertificate)).toBe('gone-id · certificate missing');
    expect(text(rows[2]!, TESTIDS.profileRowSession)).toBe('No session yet');
    // A long name ellipsizes (CSS) and keeps its full text for the tooltip and for screen readers.
    const name = within(rows[2]!).getByTestId(TESTIDS.profileRowName);
    expect(name.textContent).toBe(LONG);
    expect(getComputedStyle(name).textOverflow).toBe('ellipsis');
    expect(name.getAttribute('aria-label') ?? name.textContent).toBe(LONG);
  });

  it('selects, edits and removes by name, each control named for its profile', () => {
    const onSelect = vi.fn();
    const onEdit = vi.fn();
    const onRemove = vi.fn();
    const { bridge } = createFakeBridge();
    renderWithApp(
      <ProfileList
        profiles={[overview({ name: 'dev' }), overview({ name: 'ops' })]}
        selected="dev"
        onSelect={onSelect}
        onEdit={onEdit}
        onRemove={onRemove}
      />,
      bridge,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Edit profile ops' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove profile dev' }));
    fireEvent.click(screen.getAllByTestId(TESTIDS.profileRowName)[1]!);
    expect(onEdit).toHaveBeenCalledWith('ops');
    expect(onRemove).toHaveBeenCalledWith('dev');
    expect(onSelect).toHaveBeenCalledWith('ops');
  });

  it('moves the focus to a profile’s row once per request (after adding it)', () => {
    const { bridge } = createFakeBridge();
    const props = {
      selected: 'dev',
      onSelect: () => undefined,
      onEdit: () => undefined,
      onRemove: () => undefined,
    };
    const request = { name: 'new' };
    const { rerender } = renderWithApp(
      <ProfileList profiles={[overview({ name: 'dev' })]} focusRequest={request} {...props} />,
      bridge,
    );
    rerender(
      <ProfileList
        profiles={[overview({ name: 'dev' }), overview({ name: 'new' })]}
        focusRequest={request}
        {...props}
      />,
    );
    const row = screen.getAllByTestId(TESTIDS.profileRowName)[1]!.closest('[role="button"]');
    expect(document.activeElement).toBe(row);
    // A later reload of the list (a session arrived) does not pull the focus back.
    (screen.getByRole('button', { name: 'Edit profile dev' }) as HTMLElement).focus();
    rerender(
      <ProfileList
        profiles={[overview({ name: 'dev' }), overview({ name: 'new' })]}
        focusRequest={request}
        {...props}
      />,
    );
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Edit profile dev');
  });
});

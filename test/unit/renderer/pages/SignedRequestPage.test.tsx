import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import SignedRequestPage from '../../../../renderer/pages/SignedRequestPage';
import { TESTIDS } from '../../../../renderer/testids';
import { callsOf, createFakeBridge } from '../fake-bridge';
import { renderWithApp } from '../render';

afterEach(cleanup);

describe('SignedRequestPage', () => {
  it('sends every header row in order, so a repeated name keeps all its values', async () => {
    const { bridge, calls } = createFakeBridge();
    renderWithApp(<SignedRequestPage />, bridge);
    const add = screen.getByTestId(TESTIDS.signHeaderAdd);
    fireEvent.click(add);
    fireEvent.click(add);
    fireEvent.click(add);
    const names = screen.getAllByTestId(TESTIDS.signHeaderName);
    const values = screen.getAllByTestId(TESTIDS.signHeaderValue);
    const rows: Array<[string, string]> = [
      ['X-Dup', 'one'],
      ['x-dup', 'two'],
      ['X-Other', ''],
    ];
    rows.forEach(([name, value], i) => {
      fireEvent.change(names[i]!, { target: { value: name } });
      fireEvent.change(values[i]!, { target: { value } });
    });
    // Sign is enabled once the credential sources are loaded (the default source is known only then).
    await waitFor(() =>
      expect((screen.getByTestId(TESTIDS.signSubmit) as HTMLButtonElement).disabled).toBe(false),
    );
    fireEvent.click(screen.getByTestId(TESTIDS.signSubmit));
    await waitFor(() => expect(callsOf(calls, 'signPreview')).toHaveLength(1));
    expect(callsOf(calls, 'signPreview')[0]).toMatchObject({ headers: rows });
  });

  it('shows how the request was read, the URL sent and the headers file of the curl line', async () => {
    const { bridge } = createFakeBridge(
      {},
      {
        signPreview: () =>
          Promise.resolve({
            ok: true,
            value: {
              previewId: 'p1',
              canonicalRequest: 'GET\n/a%253Ab',
              stringToSign: 'AWS4-HMAC-SHA256',
              signature: 'abc',
              signedHeaders: 'host;x-amz-security-token',
              authorization: 'AWS4-HMAC-SHA256 …',
              headers: { host: 'h', 'x-amz-security-token': 'IQoJ…6789' },
              url: 'https://h/a%3Ab?q=a%2Bb',
              notes: ['The query\'s "+" was read as a literal plus sign.'],
              curl: "curl -X GET 'https://h/a%3Ab?q=a%2Bb' -H @headers.txt",
              curlHeaders: 'host: h\nx-amz-security-token: IQoJ…6789\n',
            },
          }),
      },
    );
    renderWithApp(<SignedRequestPage />, bridge);
    // Sign is enabled once the credential sources are loaded (the default source is known only then).
    await waitFor(() =>
      expect((screen.getByTestId(TESTIDS.signSubmit) as HTMLButtonElement).disabled).toBe(false),
    );
    fireEvent.click(screen.getByTestId(TESTIDS.signSubmit));
    expect((await screen.findByTestId(TESTIDS.signOutput('notes'))).textContent).toContain(
      'The query\'s "+" was read as a literal plus sign.',
    );
    expect(screen.getByTestId(TESTIDS.signOutput('url')).textContent).toContain('https://h/a%3Ab?q=a%2Bb');
    expect(screen.getByTestId(TESTIDS.signOutput('curlHeaders')).textContent).toContain(
      'x-amz-security-token',
    );
    expect(screen.getByTestId(TESTIDS.signOutput('curl')).textContent).toContain('-H @headers.txt');
  });

  it('puts the focus on the result after Sign, and keeps it on the header rows as they come and go', async () => {
    const { bridge } = createFakeBridge();
    renderWithApp(<SignedRequestPage />, bridge);
    const add = screen.getByTestId(TESTIDS.signHeaderAdd);
    fireEvent.click(add);
    // A new row: the focus is in its name field.
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getAllByTestId(TESTIDS.signHeaderName)[0]),
    );
    fireEvent.click(add);
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getAllByTestId(TESTIDS.signHeaderName)[1]),
    );
    // Removing the first row: the focus moves to the next row's remove button, which is now "header 1".
    fireEvent.click(screen.getByRole('button', { name: 'Remove header 1' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove header 1' }));
    // Removing the last one: to "Add header".
    fireEvent.click(screen.getByRole('button', { name: 'Remove header 1' }));
    expect(document.activeElement).toBe(add);

    const submit = screen.getByTestId(TESTIDS.signSubmit);
    submit.focus();
    fireEvent.click(submit);
    const heading = await screen.findByRole('heading', { name: 'How the request was signed' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.getByRole('region', { name: 'How the request was signed' })).toBeTruthy();
  });
});

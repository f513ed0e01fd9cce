import { describe, expect, it, vi } from 'vitest';
import { concealmentFormats, createClipboardGuard } from '../../../main/clipboard';
import type { ClipboardPort, ConcealmentFormat, TimerPort } from '../../../main/clipboard';

/** A clipboard and a clock the test moves by hand. */
function setup(platform?: NodeJS.Platform) {
  let text = '';
  const writes: Array<{ text: string; formats: readonly ConcealmentFormat[] | undefined }> = [];
  const clipboard: ClipboardPort = {
    writeText: (t, formats) => {
      text = t;
      writes.push({ text: t, formats });
    },
    readText: () => text,
    clear: () => {
      text = '';
    },
  };
  let now = Date.parse('2030-01-01T00:00:00Z');
  let timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let nextId = 1;
  const timerPort: TimerPort = {
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
    now: () => new Date(now),
  };
  const advance = (ms: number) => {
    now += ms;
    const due = timers.filter((t) => t.at <= now);
    timers = timers.filter((t) => t.at > now);
    due.forEach((t) => t.fn());
  };
  return {
    guard: createClipboardGuard(clipboard, timerPort, platform),
    writes,
    read: () => text,
    userCopies: (t: string) => {
      text = t;
    },
    advance,
    pending: () => timers.length,
  };
}

describe('clipboard guard', () => {
  it('writes, reports when it clears, and clears after the delay', () => {
    const s = setup();
    const { clearsAt } = s.guard.copy('export AWS_SECRET_ACCESS_KEY=x', 30);
    expect(clearsAt).toBe('2030-01-01T00:00:30.000Z');
    expect(s.read()).toBe('export AWS_SECRET_ACCESS_KEY=x');
    s.advance(29_999);
    expect(s.read()).toBe('export AWS_SECRET_ACCESS_KEY=x');
    s.advance(1);
    expect(s.read()).toBe('');
  });

  it('does not clear what the user copied in the meantime', () => {
    const s = setup();
    s.guard.copy('secret', 5);
    s.userCopies('my own text');
    s.advance(5_000);
    expect(s.read()).toBe('my own text');
  });

  it('a second copy replaces the first schedule', () => {
    const s = setup();
    s.guard.copy('first', 5);
    s.advance(4_000);
    s.guard.copy('second', 5);
    expect(s.pending()).toBe(1);
    s.advance(1_000);
    expect(s.read()).toBe('second');
    s.advance(4_000);
    expect(s.read()).toBe('');
  });

  it('clearNow clears our text at once and cancels the timer; dispose only cancels', () => {
    const s = setup();
    s.guard.copy('secret', 30);
    s.guard.clearNow();
    expect(s.read()).toBe('');
    expect(s.pending()).toBe(0);

    s.guard.copy('again', 30);
    s.guard.dispose();
    expect(s.pending()).toBe(0);
    expect(s.read()).toBe('again');
  });

  it('clearNow leaves foreign clipboard content alone', () => {
    const s = setup();
    s.guard.copy('secret', 30);
    s.userCopies('mine');
    s.guard.clearNow();
    expect(s.read()).toBe('mine');
  });

  it('marks every copy as concealed, in the formats of the platform, in the same write as the text', () => {
    const expected: Record<string, Array<[string, string]>> = {
      darwin: [['org.nspasteboard.ConcealedType', '1']],
      win32: [['ExcludeClipboardContentFromMonitorProcessing', '1']],
      linux: [['x-kde-passwordManagerHint', 'secret']],
      freebsd: [['x-kde-passwordManagerHint', 'secret']],
    };
    for (const [platform, formats] of Object.entries(expected)) {
      const s = setup(platform as NodeJS.Platform);
      s.guard.copy('AWS_SECRET_ACCESS_KEY=x', 30);
      s.guard.copy('again', 30);
      expect(s.writes, platform).toHaveLength(2);
      for (const write of s.writes) {
        expect(
          write.formats?.map((f) => [f.format, f.data]),
          platform,
        ).toEqual(formats);
      }
      expect(concealmentFormats(platform as NodeJS.Platform).map((f) => [f.format, f.data])).toEqual(formats);
    }
  });

  it('defaults to the concealment formats of this OS', () => {
    const s = setup();
    s.guard.copy('x', 30);
    expect(s.writes[0]!.formats).toEqual(concealmentFormats(process.platform));
  });

  it('with the real timers, clears after a short delay', async () => {
    let text = '';
    const guard = createClipboardGuard({
      writeText: (t) => (text = t),
      readText: () => text,
      clear: () => (text = ''),
    });
    guard.copy('x', 0.05);
    expect(text).toBe('x');
    // Polls until the guard's own timer has fired (no fixed sleep); fails after vitest's default 1 s.
    await vi.waitFor(() => expect(text).toBe(''));
  });
});

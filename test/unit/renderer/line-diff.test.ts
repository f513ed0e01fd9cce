import { describe, expect, it } from 'vitest';
import { lineDiff } from '../../../renderer/line-diff';

describe('lineDiff', () => {
  it('keeps common lines and marks what only one side has, in order', () => {
    const before = ['{', '  "a": 1,', '  "b": 2', '}'].join('\n');
    const after = ['{', '  "b": 2,', '  "c": 3', '}'].join('\n');
    expect(lineDiff(before, after)).toEqual([
      { kind: 'same', text: '{' },
      { kind: 'removed', text: '  "a": 1,' },
      { kind: 'removed', text: '  "b": 2' },
      { kind: 'added', text: '  "b": 2,' },
      { kind: 'added', text: '  "c": 3' },
      { kind: 'same', text: '}' },
    ]);
  });

  it('of equal texts is all kept; against an empty text all added', () => {
    expect(lineDiff('x\ny', 'x\ny').map((l) => l.kind)).toEqual(['same', 'same']);
    expect(lineDiff('', 'x\ny')).toEqual([
      { kind: 'removed', text: '' },
      { kind: 'added', text: 'x' },
      { kind: 'added', text: 'y' },
    ]);
  });
});

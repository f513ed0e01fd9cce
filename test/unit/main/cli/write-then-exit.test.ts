// credential_process writes its line with write(2) (main/cli/write-then-exit.ts). A parent may hand it a
// non-blocking pipe (the flag belongs to the pipe, shared by both ends' holders); when that pipe is full,
// write(2) says EAGAIN, and the line must still arrive whole, through the stream, before the process exits.
// Python makes the pipe (Node cannot set O_NONBLOCK on a descriptor), fills it, starts the child, and reads
// only once the child says it is about to write; the line is 1 MiB, more than the pipe holds, so the write
// meets a full pipe however quickly the reader starts (with the fallback removed, this test fails).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';

const MODULE = resolve(import.meta.dirname, '../../../../main/cli/write-then-exit.ts');
const CHILD = `import { writeThenExit } from ${JSON.stringify(MODULE)};
process.stderr.write('ready\\n');
writeThenExit('{"Version":1,"Padding":"' + 'x'.repeat(1 << 20) + '"}\\n');`;

const HARNESS = String.raw`
import os, subprocess, sys
r, w = os.pipe()
os.set_blocking(w, False)
filled = 0
try:
    while True:
        filled += os.write(w, b'.' * 4096)
except BlockingIOError:
    pass
child = subprocess.Popen([sys.argv[1], '--import', 'tsx', '--input-type=module', '-e', sys.argv[2]],
                         stdout=w, stderr=subprocess.PIPE)
os.close(w)
assert child.stderr.readline() == b'ready\n'
out = b''
while True:
    chunk = os.read(r, 65536)
    if not chunk:
        break
    out += chunk
tail = out[filled:]
print(child.wait(), filled, len(tail), tail[:24].decode(), tail[-24:].decode(), end='')
`;

it('a full, non-blocking stdout still gets the whole line, then the process exits 0', () => {
  const report = execFileSync('python3', ['-c', HARNESS, process.execPath, CHILD], { encoding: 'utf8' });
  const [code, filled, length, head, tail] = report.split(' ');
  const line = `{"Version":1,"Padding":"${'x'.repeat(1 << 20)}"}\n`;
  expect({ code, length: Number(length), head, tail }).toEqual({
    code: '0',
    length: line.length,
    head: line.slice(0, 24),
    tail: line.slice(-24),
  });
  expect(Number(filled)).toBeGreaterThan(0);
});

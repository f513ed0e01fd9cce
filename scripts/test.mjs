// `npm test`: typecheck, lint, build, unit + integration tests (under a real Secret Service), then the
// end-to-end suite in Chromium. Stops at the first failing stage and exits non-zero; at the end prints
// one line `tests: N passed, N failed` counted from the runners' JSON reports.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const reports = 'test-results/reports';
// Reports of an earlier run must not be counted in this one.
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

function stage(name, command, args, env = {}) {
  const started = Date.now();
  console.log(`\n▶ ${name}: ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✖ ${name} failed (exit ${result.status ?? result.signal}) after ${seconds} s`);
    summary();
    process.exit(result.status || 1);
  }
  console.log(`✔ ${name} (${seconds} s)`);
}

function summary() {
  let passed = 0;
  let failed = 0;
  let counted = false;
  const vitest = `${reports}/vitest.json`;
  if (existsSync(vitest)) {
    counted = true;
    const r = JSON.parse(readFileSync(vitest, 'utf8'));
    passed += r.numPassedTests ?? 0;
    failed += (r.numFailedTests ?? 0) + (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  }
  const pw = `${reports}/playwright.json`;
  if (existsSync(pw)) {
    counted = true;
    const s = JSON.parse(readFileSync(pw, 'utf8')).stats ?? {};
    passed += s.expected ?? 0;
    failed += (s.unexpected ?? 0) + (s.flaky ?? 0) + (s.skipped ?? 0);
  }
  if (counted) console.log(`\ntests: ${passed} passed, ${failed} failed`);
}

const only = process.argv[2];
if (!only || only === 'static') {
  stage('typecheck', 'npx', ['tsc', '-b']);
  stage('lint', 'npx', ['eslint', '.', '--max-warnings', '0']);
  // Dead code stays gone (issue 8): unused files, exports, types and dependencies fail the run (knip.json).
  stage('knip', 'npx', ['knip']);
  stage('format', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']);
}
if (!only || only === 'unit' || only === 'e2e') {
  stage('build', 'npm', ['run', '--silent', 'build']);
}
if (!only || only === 'unit') {
  stage('unit + integration (vitest, real Secret Service)', 'bash', [
    'scripts/with-keyring.sh',
    'npx',
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${reports}/vitest.json`,
  ]);
}
if (!only || only === 'e2e') {
  // `build` above produced out/renderer; the suite's global setup need not build again.
  stage('e2e (Playwright, Chromium)', 'npx', ['playwright', 'test'], { ANCHORAGE_E2E_SKIP_BUILD: '1' });
}
summary();

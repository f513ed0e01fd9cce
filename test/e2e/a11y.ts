import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** One rule's violation as axe reports it (axe-core's `Result`, through the builder's own types). */
type Result = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

/** The WCAG 2.1 A and AA rules (issue 10 §7: "0 serious or critical violations on every screen"). */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * axe's landmark rules (tagged best-practice, so not among WCAG_TAGS): all content inside landmarks, one
 * main, unique and top-level banner, navigation, contentinfo (issue 10: "content sits outside landmarks").
 */
const LANDMARK_RULES = [
  'region',
  'landmark-one-main',
  'landmark-unique',
  'landmark-no-duplicate-banner',
  'landmark-no-duplicate-contentinfo',
  'landmark-no-duplicate-main',
  'landmark-banner-is-top-level',
  'landmark-contentinfo-is-top-level',
  'landmark-main-is-top-level',
  'landmark-complementary-is-top-level',
];

/** Every violation with the elements it hit: rule id, impact, help, target selector and axe's summary. */
function describeViolations(violations: Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
        .join('\n');
      return `  ${v.id} (${v.impact ?? 'no impact'}): ${v.help}\n${nodes}`;
    })
    .join('\n');
}

/**
 * Wait until every finite animation and transition has finished (a dialog's fade, a drawer's slide): axe
 * measures colour contrast on what is painted, and half-faded text would read as a false violation.
 * Infinite ones (a spinner) are left running.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
}

/**
 * Run axe (WCAG 2.1 A/AA) on the page as it is and fail when any violation is serious or critical, listing
 * each with its rule, impact, target and help. `soft` records the failure and lets the test go on, so that one
 * run reports every screen's violations.
 */
export async function expectNoSeriousAxeViolations(
  page: Page,
  label: string,
  options: { soft?: boolean } = {},
): Promise<void> {
  await settle(page);
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const check = options.soft ? expect.soft : expect;
  check(serious.length, `axe, ${label}: serious or critical violations\n${describeViolations(serious)}`).toBe(
    0,
  );
}

/** Fail on any violation (whatever its impact) of axe's landmark rules: every piece of content in a landmark. */
export async function expectContentInLandmarks(
  page: Page,
  label: string,
  options: { soft?: boolean } = {},
): Promise<void> {
  await settle(page);
  const results = await new AxeBuilder({ page }).withRules(LANDMARK_RULES).analyze();
  const check = options.soft ? expect.soft : expect;
  check(
    results.violations.length,
    `axe landmarks, ${label}:\n${describeViolations(results.violations)}`,
  ).toBe(0);
}

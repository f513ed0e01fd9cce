import { wizardInteractiveMs } from '../bridge/measure';

/**
 * For `npm run bench` (bench/renderer.ts): the median time, in ms from navigation start, until the wizard's
 * "Create CA" button is enabled, in headless Chromium over the test bridge with a fresh data directory.
 * Needs the built renderer (out/renderer) and /usr/bin/chromium.
 */
export async function measureWizardInteractive(runs = 5): Promise<number> {
  return (await wizardInteractiveMs(runs)).median;
}

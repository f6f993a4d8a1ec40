/** Shared by the browser tests: Debian's chromium, its flags, and rebuilding dist/web when web/ changed. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { hasData, SKIP_REASON } from '../helpers.js';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = 'test-artifacts/e2e';
export const WEB_ROOT = 'dist/web';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'];

/** Why the browser tests cannot run here, or null. */
export const browserSkipReason = (): string | null =>
  !existsSync(CHROMIUM) ? `no browser at ${CHROMIUM} (apt-get install chromium)` : !hasData() ? SKIP_REASON : null;

/** True when dist/web is missing or older than a source under web/. */
export function webBuildIsStale(): boolean {
  const index = join(WEB_ROOT, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const newest = (dir: string): number => Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((d) => {
    const p = join(dir, d.name);
    return d.isDirectory() ? newest(p) : statSync(p).mtimeMs;
  }));
  return newest('web') > built;
}

import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { projectRoot } from '../../common/paths';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it when missing). */
const CHROMIUM = '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (as .ci/run does)`);
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox'] });
}

/** test-artifacts/<suite>/ (gitignored): screenshots and downloads worth looking at after a run. */
export function artifactsDirectory(suite: string): string {
  const directory = path.join(projectRoot(), 'test-artifacts', suite);
  fs.mkdirSync(directory, { recursive: true });
  return directory;
}

/** Collects uncaught page errors, so a test can assert the page ran without any. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** A program some tests drive that npm does not install: where it is, its Debian package, who needs it. */
export interface SystemProgram {
  /** Absolute paths tried in order, or a bare name looked up on PATH. */
  readonly candidates: readonly string[];
  readonly debianPackage: string;
  readonly neededBy: string;
}

export const SYSTEM_PROGRAMS = {
  chromium: { candidates: ['/usr/bin/chromium'], debianPackage: 'chromium', neededBy: 'the browser tests (dashboard, ide)' },
  mariadbd: {
    candidates: ['/usr/sbin/mariadbd'],
    debianPackage: 'mariadb-server',
    neededBy: 'the database fault test (its own MariaDB)',
  },
  'redis-server': {
    candidates: ['redis-server'],
    debianPackage: 'redis-server',
    neededBy: 'the shared-state and docker-compose tests (their own redis-server)',
  },
} satisfies Record<string, SystemProgram>;

export type SystemProgramName = keyof typeof SYSTEM_PROGRAMS;

function onPath(name: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((directory) => directory && fs.existsSync(path.join(directory, name)));
}

export function isInstalled(name: SystemProgramName): boolean {
  return SYSTEM_PROGRAMS[name].candidates.some((candidate) => (path.isAbsolute(candidate) ? fs.existsSync(candidate) : onPath(candidate)));
}

/**
 * Installs the missing programs with apt-get where this process may (root on a Debian-like
 * machine, as .ci/run does); returns what is still missing.
 */
export function installMissing(log: (line: string) => void): SystemProgramName[] {
  const missing = (Object.keys(SYSTEM_PROGRAMS) as SystemProgramName[]).filter((name) => !isInstalled(name));
  if (missing.length === 0) return [];
  if (process.getuid?.() !== 0 || !onPath('apt-get')) return missing;
  const packages = missing.map((name) => SYSTEM_PROGRAMS[name].debianPackage);
  log(`installing ${packages.join(', ')} with apt-get (needed by ${missing.map((name) => SYSTEM_PROGRAMS[name].neededBy).join('; ')})`);
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0;
  if (!install()) {
    spawnSync('apt-get', ['update'], { stdio: 'ignore' });
    install();
  }
  return missing.filter((name) => !isInstalled(name));
}

/** One loud line for tests that cannot run here, with what to do about it. */
export function skipNotice(name: SystemProgramName): string {
  const program = SYSTEM_PROGRAMS[name];
  return `SKIPPED ${program.neededBy}: ${name} is missing and could not be installed here; run "apt-get install -y ${program.debianPackage}" as root`;
}

/**
 * `describe` for a block that drives `name`, or `describe.skip` when the program is missing
 * (the global setup has already printed why; .ci/run refuses a run with skips).
 */
export function describeWith(name: SystemProgramName): jest.Describe {
  return isInstalled(name) ? describe : describe.skip;
}

/** `it` for a test that drives `name`, or `it.skip` when the program is missing (see describeWith). */
export function itWith(name: SystemProgramName): jest.It {
  return isInstalled(name) ? it : it.skip;
}

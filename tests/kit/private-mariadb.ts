import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { freePort, waitFor } from './faults';

/**
 * A MariaDB server of the test's own: its own data directory under a temporary folder and its own
 * port, started, stopped and started again by the test; never the machine's shared server.
 * No grant tables (root, no password), small buffer pool, no binary log: quick to start.
 */
export class PrivateMariaDb {
  private process: ChildProcess | null = null;

  private constructor(
    readonly directory: string,
    readonly port: number,
  ) {}

  static async create(): Promise<PrivateMariaDb> {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'channel-graph-mariadb-'));
    const install = spawnSync(
      'mariadb-install-db',
      [
        '--no-defaults',
        `--datadir=${path.join(directory, 'data')}`,
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
        ...(process.getuid?.() === 0 ? ['--user=root'] : []),
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    if (install.status !== 0) throw new Error(`mariadb-install-db failed: ${install.stderr || install.stdout || install.error?.message}`);
    return new PrivateMariaDb(directory, await freePort());
  }

  get running(): boolean {
    return this.process !== null;
  }

  /** Starts the server and waits until it answers (at most 30 s). */
  async start(): Promise<void> {
    const child = spawn(
      '/usr/sbin/mariadbd',
      [
        '--no-defaults',
        `--datadir=${path.join(this.directory, 'data')}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${path.join(this.directory, 'mariadb.sock')}`,
        `--pid-file=${path.join(this.directory, 'mariadb.pid')}`,
        `--log-error=${path.join(this.directory, 'error.log')}`,
        '--skip-grant-tables',
        '--skip-log-bin',
        '--innodb-buffer-pool-size=32M',
        ...(process.getuid?.() === 0 ? ['--user=root'] : []),
      ],
      { stdio: 'ignore' },
    );
    this.process = child;
    child.once('exit', () => {
      if (this.process === child) this.process = null;
    });
    await waitFor(`MariaDB on port ${this.port}`, () => this.answers(), 30_000, 100);
  }

  /** Stops the server (SIGTERM: a clean shutdown, as a restart would do) and waits for it to exit. */
  async stop(): Promise<void> {
    const child = this.process;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
    this.process = null;
  }

  async destroy(): Promise<void> {
    await this.stop();
    fs.rmSync(this.directory, { recursive: true, force: true });
  }

  async answers(): Promise<boolean> {
    try {
      const connection = await mysql.createConnection({ host: '127.0.0.1', port: this.port, user: 'root', connectTimeout: 1_000 });
      await connection.query('SELECT 1');
      await connection.end();
      return true;
    } catch {
      return false;
    }
  }

  async query<T = Record<string, unknown>>(sql: string, values: unknown[] = []): Promise<T[]> {
    const connection = await mysql.createConnection({ host: '127.0.0.1', port: this.port, user: 'root' });
    try {
      const [rows] = await connection.query(sql, values);
      return rows as T[];
    } finally {
      await connection.end();
    }
  }
}

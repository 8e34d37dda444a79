import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { REDIS_SERVER_FLAGS, redisAnswers } from '../../common/redis';
import { freePort, waitFor } from './faults';

/**
 * A Redis server of the test's own: its own port and working directory, nothing saved to disk,
 * stopped, paused and started again by the test; never the machine's shared 6379.
 */
export class PrivateRedis {
  private process: ChildProcess | null = null;

  private constructor(
    readonly directory: string,
    readonly port: number,
  ) {}

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(fs.mkdtempSync(path.join(os.tmpdir(), 'channel-graph-redis-')), await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts the server (again, on the same port) and waits until it answers. */
  async start(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', ...REDIS_SERVER_FLAGS, '--dir', this.directory],
      { stdio: 'ignore' },
    );
    this.process = child;
    child.once('exit', () => {
      if (this.process === child) this.process = null;
    });
    await waitFor(`Redis on port ${this.port}`, () => this.answers(), 10_000, 50);
  }

  /** Stops the server and waits for it to exit; what it held is gone (nothing is saved). */
  async stop(): Promise<void> {
    const child = this.process;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGCONT');
    child.kill('SIGKILL');
    await exited;
    this.process = null;
  }

  /** Freezes the server (SIGSTOP): connections stay open, nothing answers, as on a hung host. */
  pause(): void {
    this.process?.kill('SIGSTOP');
  }

  resume(): void {
    this.process?.kill('SIGCONT');
  }

  async destroy(): Promise<void> {
    await this.stop();
    fs.rmSync(this.directory, { recursive: true, force: true });
  }

  /** A client of this server for the test's own looks (closed by the caller). */
  client(): Redis {
    return new Redis(this.url, { maxRetriesPerRequest: 0, lazyConnect: false });
  }

  answers(): Promise<boolean> {
    return redisAnswers(this.url);
  }
}

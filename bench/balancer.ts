import net from 'node:net';
import { parseArgs } from 'node:util';

/**
 * The smallest load balancer: each incoming TCP connection goes to the next target in turn and
 * is piped both ways (kept-alive HTTP connections stay on their gateway). For `npm run
 * bench:scale-out` where HAProxy is not installed.
 *
 *   node dist/bench/balancer.js --port 8400 --to 127.0.0.1:8401 --to 127.0.0.1:8402
 */
const { values } = parseArgs({ options: { port: { type: 'string' }, to: { type: 'string', multiple: true, default: [] } } });
const targets = values.to.map((target) => {
  const [host = '', port = ''] = target.split(':');
  return { host, port: Number(port) };
});
if (!values.port || targets.length === 0) {
  console.error('Usage: node dist/bench/balancer.js --port <port> --to <host:port> [--to <host:port> …]');
  process.exit(1);
}
let next = 0;
const server = net.createServer((client) => {
  const upstream = net.connect(targets[next++ % targets.length]!);
  client.pipe(upstream).pipe(client);
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', close);
  upstream.on('error', close);
});
server.listen(Number(values.port), '127.0.0.1', () => console.log(`balancer on ${values.port} → ${values.to.join(', ')}`));
// Kept-alive client connections would hold close() open: the benchmark is done with them anyway.
process.once('SIGTERM', () => process.exit(0));

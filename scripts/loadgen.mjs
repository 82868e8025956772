// A small closed-loop HTTP/1.1 load generator for scripts/bench: N keep-alive connections,
// each sending its next request as soon as the last answer arrived, for a fixed time.
// Prints one JSON line: requests per second, p50/p90/p99/max latency and the statuses seen.
//
//   node scripts/loadgen.mjs --url URL [--method GET] [--connections 32] [--seconds 10]
//        [--header 'Name: value']... [--body message] [--expect 200]
//        [--hosts a.localhost,b.localhost [--revalidate]]
//
// --hosts spreads the requests over several councils by their host names (the Host header
// of each request in turn, to the same address); --revalidate first reads each host's ETag
// and then asks with If-None-Match, so every answer should be 304.
//
// --body message sends a new, valid "Have your say" feedback with a unique id each time,
// so every request stores a row (the same id twice would only be a "repeat").
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    method: { type: 'string', default: 'GET' },
    connections: { type: 'string', default: '32' },
    seconds: { type: 'string', default: '10' },
    header: { type: 'string', multiple: true, default: [] },
    body: { type: 'string' },
    expect: { type: 'string' },
    hosts: { type: 'string' },
    revalidate: { type: 'boolean', default: false },
  },
});
if (!values.url) {
  console.error('usage: node scripts/loadgen.mjs --url URL [--method M] [--connections N] [--seconds S]');
  process.exit(2);
}

const url = new URL(values.url);
const connections = Number(values.connections);
const seconds = Number(values.seconds);
const headers = {};
for (const line of values.header) {
  const at = line.indexOf(':');
  headers[line.slice(0, at).trim()] = line.slice(at + 1).trim();
}

function body() {
  if (values.body !== 'message') return null;
  return JSON.stringify({
    id: randomUUID(),
    created_at: new Date().toISOString(),
    kind: 'feedback',
    about: 'app',
    text: 'Load test: the app is quick to find things in.',
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
const hosts = values.hosts ? values.hosts.split(',').filter(Boolean) : [];
let nextHost = 0;
const etags = {};
if (values.revalidate) {
  for (const host of hosts) {
    etags[host] = await new Promise((resolve, reject) => {
      http
        .get({ host: url.hostname, port: url.port, path: url.pathname, headers: { host } }, (response) => {
          response.resume();
          resolve(response.headers.etag);
        })
        .on('error', reject);
    });
  }
}
const latencies = [];
const statuses = {};
let errors = 0;
let firstError = null;

function once() {
  return new Promise((resolve) => {
    const payload = body();
    const host = hosts.length ? hosts[nextHost++ % hosts.length] : null;
    const perHost = host ? { host, ...(etags[host] ? { 'if-none-match': etags[host] } : {}) } : {};
    const started = process.hrtime.bigint();
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: values.method,
        agent,
        headers: payload
          ? { ...headers, ...perHost, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
          : { ...headers, ...perHost },
      },
      (response) => {
        response.on('data', () => {});
        response.on('end', () => {
          latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
          statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
          resolve();
        });
      },
    );
    request.on('error', (error) => {
      errors += 1;
      firstError ??= String(error);
      resolve();
    });
    if (payload) request.write(payload);
    request.end();
  });
}

const startedAt = performance.now();
const deadline = startedAt + seconds * 1000;
await Promise.all(
  Array.from({ length: connections }, async () => {
    while (performance.now() < deadline) await once();
  }),
);
const elapsed = (performance.now() - startedAt) / 1000;
agent.destroy();

latencies.sort((a, b) => a - b);
const at = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] : NaN);
const result = {
  requests: latencies.length,
  seconds: Number(elapsed.toFixed(2)),
  rps: Math.round(latencies.length / elapsed),
  p50_ms: Number(at(0.5).toFixed(2)),
  p90_ms: Number(at(0.9).toFixed(2)),
  p99_ms: Number(at(0.99).toFixed(2)),
  max_ms: Number((latencies.at(-1) ?? NaN).toFixed(2)),
  statuses,
  errors,
  first_error: firstError,
};
console.log(JSON.stringify(result));
if (values.expect) {
  const wrong = Object.keys(statuses).filter((s) => s !== values.expect);
  if (wrong.length || errors) {
    console.error(`loadgen: expected only ${values.expect}, saw ${JSON.stringify(statuses)} and ${errors} errors`);
    process.exit(1);
  }
}

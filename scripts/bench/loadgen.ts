// A small, bounded loopback load generator: a fixed number of keep-alive connections, each sending its next
// request when the previous answer is complete, for a fixed time and at most `maxRequests` requests.
import http from "node:http";

export interface LoadResult {
  completed: number;
  errors: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
}

export async function runLoad(options: {
  port: number;
  path: (i: number) => string;
  concurrency: number;
  durationMs: number;
  maxRequests?: number;
  expectStatus?: number;
}): Promise<LoadResult> {
  const { port, path, concurrency, durationMs, maxRequests = 1_000_000, expectStatus = 200 } = options;
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + durationMs;

  const once = (i: number) =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = http.get({ host: "127.0.0.1", port, path: path(i), agent, headers: { accept: "application/did-resolution" } }, (res) => {
        res.on("data", () => undefined);
        res.on("end", () => {
          if (res.statusCode === expectStatus) latencies.push(performance.now() - t0);
          else errors++;
          resolve();
        });
      });
      req.on("error", () => {
        errors++;
        resolve();
      });
    });

  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline && next < maxRequests) await once(next++);
    }),
  );
  const elapsed = performance.now() - started;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { completed: latencies.length, errors, rps: (latencies.length / elapsed) * 1000, p50Ms: at(0.5), p99Ms: at(0.99) };
}

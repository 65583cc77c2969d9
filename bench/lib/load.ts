/**
 * Load generators: HTTP through autocannon (every response time recorded, so p50/p95/p99 are exact)
 * and a database loop over raw `pg` connections for the database floor.
 */
import autocannon from "autocannon";
import pg from "pg";

export type LoadResult = {
  /** Successful (2xx) responses per second. */
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  errors: number;
  /** Status codes other than 2xx, with their counts (a failing endpoint must not look fast). */
  statuses: Record<string, number>;
};

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

function summarise(times: number[], ok: number, seconds: number, errors: number, statuses: Record<string, number>): LoadResult {
  times.sort((a, b) => a - b);
  return {
    rps: ok / seconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    requests: times.length,
    errors,
    statuses,
  };
}

export type HttpLoad = {
  url: string;
  connections: number;
  seconds: number;
  method?: "GET" | "PUT";
  headers?: Record<string, string>;
  /** Called for every request: returns its headers and body (e.g. rotating tokens and choices). */
  next?: () => { headers?: Record<string, string>; body?: string };
};

export async function httpLoad({ url, connections, seconds, method = "GET", headers = {}, next }: HttpLoad): Promise<LoadResult> {
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  let ok = 0;
  const options: autocannon.Options = {
    url,
    connections,
    duration: seconds,
    timeout: 30,
    headers,
    requests: [
      {
        method,
        ...(next
          ? {
              setupRequest: (request: autocannon.Request) => {
                const { headers: extra, body } = next();
                return { ...request, headers: { ...request.headers, ...extra }, ...(body !== undefined ? { body } : {}) };
              },
            }
          : {}),
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, done) => (error ? reject(error as Error) : resolve(done)));
    instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      times.push(responseTime);
      if (statusCode >= 200 && statusCode < 300) ok++;
      else statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
  return summarise(times, ok, result.duration || seconds, result.errors + result.timeouts, statuses);
}

/**
 * The database floor: `connections` clients each running `statement` in a loop for `seconds`.
 * `params(i)` gives the i-th execution's parameters.
 */
export async function pgLoad({
  url,
  connections,
  seconds,
  statement,
  params,
}: {
  url: string;
  connections: number;
  seconds: number;
  statement: string;
  params: (i: number) => unknown[];
}): Promise<LoadResult> {
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  const times: number[] = [];
  let errors = 0;
  let counter = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  try {
    await Promise.all(
      clients.map(async (client) => {
        while (performance.now() < deadline) {
          const t0 = performance.now();
          try {
            await client.query(statement, params(counter++));
            times.push(performance.now() - t0);
          } catch {
            errors++;
          }
        }
      }),
    );
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
  const elapsed = (performance.now() - started) / 1000;
  return summarise(times, times.length, elapsed, errors, {});
}

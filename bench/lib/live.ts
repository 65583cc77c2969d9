/**
 * Live updates under load (issue 15): CLIENTS Server-Sent-Events streams on one proposal, then
 * ballots cast through the API; for each ballot, the time until its update reached every client
 * (p50/p95 over all clients and rounds), and the server's resident memory per open stream.
 */
import http from "node:http";
import { percentile } from "./load";
import { residentMemory } from "./server";

type Stream = { lastId: string | null; arrivals: { id: string; at: number }[]; request: http.ClientRequest };

function openStream(url: URL, cookie: string, agent: http.Agent): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const stream: Stream = { lastId: null, arrivals: [], request: undefined as unknown as http.ClientRequest };
    stream.request = http.get(url, { agent, headers: { cookie, accept: "text/event-stream" } }, (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`live stream answered ${response.statusCode}`));
        response.resume();
        return;
      }
      response.setEncoding("utf8");
      let buffer = "";
      response.on("data", (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const id = /^id: (.*)$/m.exec(block)?.[1];
          if (id !== undefined) {
            stream.lastId = id;
            stream.arrivals.push({ id, at: performance.now() });
          }
        }
      });
      resolve(stream);
    });
    stream.request.on("error", reject);
  });
}

export type LiveResult = {
  clients: number;
  rounds: number;
  p50: number;
  p95: number;
  /** Clients that missed an update within the round's deadline. */
  missed: number;
  memoryBeforeMiB: number;
  memoryAfterMiB: number;
  perConnectionKiB: number;
};

export async function measureLive({
  baseUrl,
  pid,
  proposalId,
  cookie,
  clients,
  rounds,
  castBallot,
}: {
  baseUrl: string;
  pid: number;
  proposalId: string;
  cookie: string;
  clients: number;
  rounds: number;
  /** Casts one ballot that changes the proposal's figures (e.g. a PUT through the API). */
  castBallot: (round: number) => Promise<void>;
}): Promise<LiveResult> {
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const url = new URL(`/api/live/proposals/${proposalId}`, baseUrl);
  const before = residentMemory(pid).treeMiB;
  const streams: Stream[] = [];
  try {
    for (let i = 0; i < clients; i += 50) {
      const batch = await Promise.all(Array.from({ length: Math.min(50, clients - i) }, () => openStream(url, cookie, agent)));
      streams.push(...batch);
    }
    // Every stream has its first snapshot before anything is measured.
    const deadline = Date.now() + 60_000;
    while (streams.some((s) => s.lastId === null) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1000));
    const after = residentMemory(pid).treeMiB;
    const latencies: number[] = [];
    let missed = 0;
    for (let round = 0; round < rounds; round++) {
      const known = streams.map((s) => s.arrivals.length);
      const sentAt = performance.now();
      await castBallot(round);
      const until = Date.now() + 15_000;
      while (Date.now() < until && streams.some((s, i) => s.arrivals.length === known[i])) {
        await new Promise((r) => setTimeout(r, 5));
      }
      streams.forEach((s, i) => {
        const first = s.arrivals[known[i]!];
        if (first) latencies.push(first.at - sentAt);
        else missed++;
      });
      await new Promise((r) => setTimeout(r, 300));
    }
    latencies.sort((a, b) => a - b);
    return {
      clients,
      rounds,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      missed,
      memoryBeforeMiB: before,
      memoryAfterMiB: after,
      perConnectionKiB: ((after - before) * 1024) / clients,
    };
  } finally {
    for (const s of streams) s.request.destroy();
    agent.destroy();
  }
}

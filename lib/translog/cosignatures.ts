/**
 * The log asks its witnesses (LogWitness rows) to co-sign its latest checkpoint (c2sp.org/tlog-witness
 * add-checkpoint, from the last size each one co-signed, with the consistency proof) and keeps each
 * valid cosignature (LogCosignature), which GET /api/v1/log/checkpoint then serves under the log's own
 * signature. A witness that answers 409 gets one retry from the size it says it holds; one that is
 * down or refuses is skipped until the next run (the answer is returned, for the job's log).
 */
import { logger } from "@/lib/core/log";
import type { Db } from "@/lib/db/client";
import { currentCheckpoint, type StoredCheckpoint } from "./checkpoint";
import { consistencyProofAt } from "./log";
import { toBase64 } from "./merkle";
import { parseNote, parseVerifierKey, verifyCosignature } from "./note";

export type CosignOutcome = { witness: string; status: "cosigned" | "refused" | "unreachable"; detail?: string };

const TIMEOUT_MS = 10_000;

async function submit(fetcher: typeof fetch, url: string, body: string) {
  const response = await fetcher(`${url.replace(/\/+$/, "")}/add-checkpoint`, {
    method: "POST",
    body,
    headers: { "content-type": "text/plain" },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  return { status: response.status, type: response.headers.get("content-type") ?? "", text: await response.text() };
}

export async function requestCosignatures(
  db: Db,
  { fetcher = fetch, checkpoint }: { fetcher?: typeof fetch; checkpoint?: StoredCheckpoint } = {},
): Promise<CosignOutcome[]> {
  const latest = checkpoint ?? (await currentCheckpoint(db));
  const { text } = parseNote(latest.note);
  const witnesses = await db.logWitness.findMany({ orderBy: { name: "asc" } });
  const outcomes: CosignOutcome[] = [];
  for (const witness of witnesses) {
    try {
      const key = parseVerifierKey(witness.verifierKey);
      let from = Number(witness.size);
      let answer;
      for (let attempt = 0; attempt < 2; attempt++) {
        if (from > latest.size) break;
        const proof = from === 0 ? [] : await consistencyProofAt(db, from, latest.size);
        answer = await submit(
          fetcher,
          witness.url,
          `old ${from}\n${proof.map((h) => `${toBase64(h)}\n`).join("")}\n${latest.note}`,
        );
        if (answer.status !== 409 || !answer.type.startsWith("text/x.tlog.size")) break;
        from = Number(answer.text.trim());
      }
      if (!answer || answer.status !== 200) {
        outcomes.push({
          witness: witness.name,
          status: "refused",
          detail: answer ? `${answer.status} ${answer.text.trim()}` : "ahead of us",
        });
        continue;
      }
      const lines = answer.text.split("\n").filter((line) => line.length > 0);
      const line = lines.find((l) => verifyCosignature(text, l, key) !== null);
      if (!line) {
        // A witness answering with a cosignature that does not verify: refused, kept and logged.
        await db.witnessRefusal.create({
          data: {
            origin: witness.name,
            reason: "bad_cosignature",
            details: { size: latest.size, answer: answer.text.slice(0, 2000) },
          },
        });
        logger.warn({ witness: witness.name, size: latest.size }, "log: a witness's cosignature does not verify");
        outcomes.push({ witness: witness.name, status: "refused", detail: "no valid cosignature in the answer" });
        continue;
      }
      await db.$transaction([
        db.logCosignature.upsert({
          where: { checkpointSize_witness: { checkpointSize: BigInt(latest.size), witness: witness.name } },
          create: {
            checkpointSize: BigInt(latest.size),
            witness: witness.name,
            keyId: key.keyId.toString(16).padStart(8, "0"),
            line: `${line}\n`,
          },
          update: {},
        }),
        db.logWitness.update({ where: { name: witness.name }, data: { size: BigInt(latest.size) } }),
      ]);
      outcomes.push({ witness: witness.name, status: "cosigned" });
    } catch (error) {
      outcomes.push({
        witness: witness.name,
        status: "unreachable",
        detail: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return outcomes;
}

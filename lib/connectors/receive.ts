/**
 * A webhook delivery, from raw bytes to the ledger (issue 16): unknown or disabled source → 404;
 * body over the size limit → 413 (read with a cap, never buffered whole); missing or forged
 * signature, or a generic delivery outside the tolerance window → 401, and nothing is stored; an
 * event that is not a contribution → 202, counted on the source; otherwise at most one
 * contribution (or "to claim" entry) per event, in one transaction with its audit entries. The
 * delivery's id is unique per source, so a replayed delivery changes nothing even when both copies
 * arrive at the same moment (the second waits on the unique index, then finds it taken).
 */
import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/core/errors";
import { NotFoundError } from "@/lib/policy/can";
import { decryptSecret } from "./secret";
import { BadSignatureError, verifyDelivery } from "./verify";
import { InvalidPayloadError, deliveryIdOf, eventNameOf, parseDelivery } from "./parse";
import { recordSourceEvent } from "./record";
import { webhookKinds } from "./schemas";

/** 1 MiB: GitHub caps its payloads at 25 MB, but a push of a commons' repository is a few kilobytes. */
export const MAX_DELIVERY_BYTES = 1024 * 1024;

export class PayloadTooLargeError extends AppError {
  constructor() {
    super("payload_too_large", "connectors.errors.tooLarge", 413, { limit: MAX_DELIVERY_BYTES });
  }
}

/** Reads a request body, stopping (413) as soon as it passes `limit` bytes. */
export async function readCapped(request: Request, limit = MAX_DELIVERY_BYTES): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw new PayloadTooLargeError();
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new PayloadTooLargeError();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export type DeliveryResult = {
  status: 200 | 202;
  outcome: "recorded" | "unmatched" | "duplicate" | "ignored";
  event: string;
  contributionId?: string;
};

function payloadOf(headers: Headers, body: Buffer): unknown {
  let text = body.toString("utf8");
  // GitHub and Gitea may post `application/x-www-form-urlencoded` with the JSON in `payload`.
  if ((headers.get("content-type") ?? "").startsWith("application/x-www-form-urlencoded")) {
    text = new URLSearchParams(text).get("payload") ?? "";
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InvalidPayloadError();
  }
}

export async function receiveDelivery(
  db: Db,
  { sourceId, headers, body, now = new Date() }: { sourceId: string; headers: Headers; body: Buffer; now?: Date },
): Promise<DeliveryResult> {
  const source = await db.contributionSource.findUnique({
    where: { id: sourceId },
    select: {
      id: true,
      kind: true,
      active: true,
      autoValidate: true,
      contributionType: true,
      secretCiphertext: true,
      commons: { select: { id: true, slug: true, status: true, community: { select: { id: true, slug: true } } } },
    },
  });
  if (!source || !source.active || !(webhookKinds as readonly string[]).includes(source.kind)) throw new NotFoundError();
  const secret = source.secretCiphertext ? decryptSecret(source.secretCiphertext) : null;
  if (!secret) throw new BadSignatureError();
  verifyDelivery(source.kind, headers, body, secret, now);
  // As for typed contributions, an archived or rejected commons takes none (told only to an authentic sender).
  if (source.commons.status === "ARCHIVED" || source.commons.status === "REJECTED") {
    throw new AppError("commons_closed", "commons.errors.closed", 409);
  }

  const event = eventNameOf(source.kind, headers);
  let parsed;
  try {
    if (!event) throw new InvalidPayloadError();
    parsed = parseDelivery(source.kind, event, payloadOf(headers, body), now);
  } catch (error) {
    // A signed delivery the source could not read: the stewards see why on the source's page.
    if (error instanceof InvalidPayloadError) {
      await db.contributionSource.update({
        where: { id: source.id },
        data: { lastError: `invalid payload (${event ?? "no event header"})`, lastErrorAt: now },
      });
    }
    throw error;
  }
  const deliveryId = deliveryIdOf(source.kind, headers) ?? `sha256:${createHash("sha256").update(body).digest("hex")}`;

  return db.$transaction(async (tx) => {
    const { count } = await tx.sourceDelivery.createMany({
      data: [
        { sourceId: source.id, externalId: deliveryId.slice(0, 200), event: parsed.event, outcome: "pending", receivedAt: now },
      ],
      skipDuplicates: true,
    });
    if (count === 0) return { status: 200, outcome: "duplicate", event: parsed.event } as const;
    const key = { sourceId_externalId: { sourceId: source.id, externalId: deliveryId.slice(0, 200) } };
    if (parsed.kind === "ignored") {
      await tx.sourceDelivery.update({ where: key, data: { outcome: "ignored" } });
      await tx.contributionSource.update({
        where: { id: source.id },
        data: { ignoredCount: { increment: 1 }, lastDeliveryAt: now },
      });
      return { status: 202, outcome: "ignored", event: parsed.event } as const;
    }
    const result = await recordSourceEvent(tx, source, parsed, now, "delivery");
    await tx.sourceDelivery.update({
      where: key,
      data: { outcome: result.outcome, contributionId: result.outcome === "recorded" ? result.contributionId : null },
    });
    await tx.contributionSource.update({ where: { id: source.id }, data: { lastDeliveryAt: now, lastError: null } });
    return {
      status: 200,
      outcome: result.outcome,
      event: parsed.event,
      ...(result.outcome === "recorded" ? { contributionId: result.contributionId } : {}),
    } as const;
  });
}

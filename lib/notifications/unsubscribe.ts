/**
 * Signed one-click unsubscribe links: the link names the person and the kind (or "digest") and
 * carries an HMAC-SHA256 of both under the application secret, so it works without signing in and
 * cannot be altered to unsubscribe someone else. Verification is constant-time.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { linkSettings } from "@/lib/core/config";
import type { Db, DbTx } from "@/lib/db/client";
import { isNotificationKind, kindSettings, notificationKinds, type NotificationKind } from "./kinds";

/** What a link unsubscribes from: one kind's emails, or the daily digest as a whole. */
export type UnsubscribeTopic = NotificationKind | "digest";

export function isUnsubscribeTopic(value: unknown): value is UnsubscribeTopic {
  return value === "digest" || isNotificationKind(value);
}

export { linkSettings };

export function unsubscribeSignature(userId: string, topic: string, secret = linkSettings().secret): string {
  return createHmac("sha256", secret).update(`unsubscribe\n${userId}\n${topic}`).digest("base64url");
}

/** The absolute link used in the email body and in the List-Unsubscribe header (POST: RFC 8058). */
export function unsubscribeUrl(userId: string, topic: UnsubscribeTopic): string {
  const { appUrl, secret } = linkSettings();
  const url = new URL("/api/unsubscribe", appUrl);
  url.searchParams.set("u", userId);
  url.searchParams.set("k", topic);
  url.searchParams.set("s", unsubscribeSignature(userId, topic, secret));
  return url.toString();
}

/** The person's address for the human page (the link lands here on GET). */
export function unsubscribePageUrl(userId: string, topic: UnsubscribeTopic): string {
  const api = new URL(unsubscribeUrl(userId, topic));
  api.pathname = "/unsubscribe";
  return api.toString();
}

/** Checks a link's parameters; null when anything is missing, unknown or tampered with. */
export function verifyUnsubscribe(params: {
  u?: string | null;
  k?: string | null;
  s?: string | null;
}): { userId: string; topic: UnsubscribeTopic } | null {
  const { u, k, s } = params;
  if (!u || !k || !s || u.length > 100 || s.length > 100 || !isUnsubscribeTopic(k)) return null;
  const expected = Buffer.from(unsubscribeSignature(u, k));
  const given = Buffer.from(s);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { userId: u, topic: k };
}

/**
 * Stops the emails a verified link names: the kind moves to in-app (it stays visible in the app);
 * "digest" moves every kind currently delivered by digest to in-app. Idempotent.
 */
export async function applyUnsubscribe(tx: DbTx, { userId, topic }: { userId: string; topic: UnsubscribeTopic }) {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!user) return false;
  const prefs = await tx.notificationPreference.findMany({ where: { userId }, select: { kind: true, channel: true } });
  const current = new Map(prefs.map((p) => [p.kind, p.channel]));
  const kinds = notificationKinds.filter((kind) => {
    const channel = current.get(kind) ?? kindSettings[kind].defaultChannel;
    return topic === "digest" ? channel === "DIGEST" : kind === topic && (channel === "EMAIL" || channel === "DIGEST");
  });
  for (const kind of kinds) {
    await tx.notificationPreference.upsert({
      where: { userId_kind: { userId, kind } },
      create: { userId, kind, channel: "IN_APP" },
      update: { channel: "IN_APP" },
    });
  }
  return true;
}

/** Verifies a link and applies it in one transaction; a tampered or unknown link changes nothing. */
export async function unsubscribeByLink(
  db: Db,
  params: { u?: string | null; k?: string | null; s?: string | null },
): Promise<{ ok: true; topic: UnsubscribeTopic } | { ok: false }> {
  const verified = verifyUnsubscribe(params);
  if (!verified) return { ok: false };
  const applied = await db.$transaction((tx) => applyUnsubscribe(tx, verified));
  return applied ? { ok: true, topic: verified.topic } : { ok: false };
}

/** "marie@example.org" → "m••••@example.org": enough for the person to recognise their address. */
export function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 1)}••••@${domain}`;
}

import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { getTranslator } from "@/lib/web/i18n";
import { kindLabel } from "@/lib/notifications/describe";
import { maskEmail, verifyUnsubscribe } from "@/lib/notifications/unsubscribe";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator()).t("notifications.unsubscribe.title"), robots: { index: false } };
}

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : null);

/**
 * Where the unsubscribe link of an email leads, without signing in. The link is checked first: a
 * tampered one is refused with a clear message and changes nothing. Unsubscribing itself is a POST
 * (one button), so that mail scanners following links never unsubscribe anyone.
 */
export async function UnsubscribePage({ searchParams }: Props) {
  const query = await searchParams;
  const { t, locale } = await getTranslator();
  const link = { u: one(query.u), k: one(query.k), s: one(query.s) };
  const verified = verifyUnsubscribe(link);
  const user = verified
    ? await db().user.findUnique({ where: { id: verified.userId }, select: { email: true, erasedAt: true } })
    : null;

  if (!verified || !user?.email || user.erasedAt) {
    return (
      <>
        <h1>{t("notifications.unsubscribe.title")}</h1>
        <div className="fr-alert fr-alert--error fr-mb-4w" role="alert" data-testid="unsubscribe-invalid">
          <p>{t("notifications.unsubscribe.invalid")}</p>
        </div>
        <Link className="fr-btn fr-btn--secondary" href="/profile/notifications">
          {t("notifications.unsubscribe.manage")}
        </Link>
      </>
    );
  }

  const email = maskEmail(user.email);
  if (query.done === "1") {
    return (
      <>
        <h1>{t("notifications.unsubscribe.title")}</h1>
        <div className="fr-alert fr-alert--success fr-mb-4w" role="status" data-testid="unsubscribe-done">
          <p>{t("notifications.unsubscribe.done")}</p>
        </div>
        <Link className="fr-btn fr-btn--secondary" href="/profile/notifications">
          {t("notifications.unsubscribe.manage")}
        </Link>
      </>
    );
  }

  const action = new URLSearchParams({ u: verified.userId, k: verified.topic, s: link.s ?? "" });
  return (
    <>
      <h1>{t("notifications.unsubscribe.title")}</h1>
      <p data-testid="unsubscribe-question">
        {verified.topic === "digest"
          ? t("notifications.unsubscribe.confirmDigest", { email })
          : t("notifications.unsubscribe.confirmKind", { email, kind: kindLabel(locale, verified.topic) })}
      </p>
      <p>{t("notifications.unsubscribe.keepInApp")}</p>
      <form method="post" action={`/api/unsubscribe?${action.toString()}`}>
        <button type="submit" className="fr-btn">
          {t("notifications.unsubscribe.button")}
        </button>
      </form>
    </>
  );
}

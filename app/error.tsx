"use client";
import { useT } from "@/components/i18n/i18n-provider";

/** Unexpected errors: a generic message with the digest that the server logged. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useT();
  return (
    <>
      <h1>{t("errors.unavailable")}</h1>
      <p>{t("errors.unexpected", { requestId: error.digest ?? "—" })}</p>
      <button type="button" className="fr-btn" onClick={reset}>
        {t("errors.backHome")}
      </button>
    </>
  );
}

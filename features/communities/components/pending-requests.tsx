"use client";
/**
 * The pending requests, each with its answer form. The confirmation lives here, above the list, so
 * it stays on screen when the refreshed list no longer holds the request it confirms.
 */
import { useState } from "react";
import Link from "next/link";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { useT } from "@/components/i18n/i18n-provider";
import { DecideRequestForm } from "@/features/communities/components/decide-request-form";

export type PendingRequestView = {
  membershipId: string;
  userId: string;
  displayName: string;
  /** College, organisation and date, already formatted by the server. */
  detail: string;
  message: string | null;
};

export function PendingRequests({ slug, requests }: { slug: string; requests: PendingRequestView[] }) {
  const t = useT();
  const [notice, setNotice] = useState<string>();
  return (
    <>
      <div role="status" aria-live="polite">
        {notice && <Alert severity="success" small description={notice} className="fr-mb-3w" />}
      </div>
      {requests.length === 0 ? (
        <p>{t("pages.admin.requests.empty")}</p>
      ) : (
        <ul className="fr-raw-list">
          {requests.map((request) => (
            <li key={request.membershipId} className="fr-card fr-card--no-arrow fr-mb-3w">
              <div className="fr-card__body">
                <div className="fr-card__content">
                  <h3 className="fr-card__title">
                    <Link href={`/people/${request.userId}`}>{request.displayName}</Link>
                  </h3>
                  <p className="fr-card__detail">{request.detail}</p>
                  <div className="fr-card__desc">
                    <p className="fr-text--bold fr-mb-1w">{t("pages.admin.requests.message")}</p>
                    <blockquote className="gc-prewrap fr-mb-2w">
                      {request.message || t("pages.admin.requests.noMessage")}
                    </blockquote>
                    <DecideRequestForm
                      slug={slug}
                      membershipId={request.membershipId}
                      name={request.displayName}
                      onDecided={setNotice}
                    />
                  </div>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

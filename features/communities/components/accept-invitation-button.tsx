"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { acceptInvitationAction } from "@/features/communities/invitation-actions";
import { useT, useTranslateDynamic } from "@/components/i18n/i18n-provider";

export function AcceptInvitationButton({ token }: { token: string }) {
  const t = useT();
  const tr = useTranslateDynamic();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  return (
    <>
      {error && <Alert severity="error" small description={error} className="fr-mb-2w" />}
      <Button
        iconId="fr-icon-check-line"
        disabled={pending}
        onClick={async () => {
          setPending(true);
          setError(undefined);
          const result = await acceptInvitationAction({ token });
          if (result.ok && result.data) {
            router.push(`/communities/${result.data.slug}`);
            return;
          }
          setPending(false);
          if (!result.ok)
            setError(tr(result.formError ?? Object.values(result.fieldErrors ?? {})[0] ?? "errors.invalid", result.values));
        }}
      >
        {t("pages.invitation.accept")}
      </Button>
    </>
  );
}

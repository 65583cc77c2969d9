import type { Metadata } from "next";
import { config } from "@/lib/core/config";
import { db } from "@/lib/db/client";
import { logVerifierKey } from "@/lib/translog/checkpoint";
import { getTranslator } from "@/lib/web/i18n";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator()).t("translog.page.title") };
}

/** What the verifiable history guarantees and how anyone checks it, for non-specialists (issue 17). */
export async function VerifyPage() {
  const { t } = await getTranslator();
  const appUrl = config().APP_URL;
  const [latest, verifierKey] = await Promise.all([
    db().logCheckpoint.findFirst({ orderBy: { size: "desc" }, select: { size: true, note: true } }),
    logVerifierKey(db()),
  ]);
  const list = (text: string) => (
    <ul>
      {text.split("\n").map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-9">
        <h1>{t("translog.page.title")}</h1>
        <p className="fr-text--lead">{t("translog.page.lead")}</p>

        <h2>{t("translog.page.howTitle")}</h2>
        <p>{t("translog.page.howText")}</p>

        <h2>{t("translog.page.checkedTitle")}</h2>
        {list(t("translog.page.checkedItems"))}

        <h2>{t("translog.page.runTitle")}</h2>
        <p>{t("translog.page.runText")}</p>
        <pre className="fr-mb-2w">
          <code>{`npm run verify -- ${appUrl} --community <slug>`}</code>
        </pre>
        <p>{t("translog.page.runReceipt")}</p>
        <pre className="fr-mb-2w">
          <code>{`npm run verify -- ${appUrl} --proposal <id> --receipt <XXXX-XXXX-XXXX>`}</code>
        </pre>
        <p>{t("translog.page.runWitness")}</p>
        <pre className="fr-mb-2w">
          <code>{`npm run verify -- ${appUrl} --witness <geocommuns-witness/…+…+…>`}</code>
        </pre>
        <p>{t("translog.page.runVerdict")}</p>

        <h2>{t("translog.page.limitsTitle")}</h2>
        {list(t("translog.page.limitsItems"))}

        <h2>{t("translog.page.stateTitle")}</h2>
        <p>{latest ? t("translog.page.size", { count: Number(latest.size) }) : t("translog.page.empty")}</p>
        <p>{t("translog.page.keyLabel")}</p>
        <pre className="fr-mb-2w" style={{ whiteSpace: "pre-wrap", wordBreak: "break-all" }}>
          <code>{verifierKey}</code>
        </pre>
        {latest && (
          <>
            <p>{t("translog.page.checkpointLabel")}</p>
            <pre style={{ whiteSpace: "pre-wrap", wordBreak: "break-all" }}>
              <code>{latest.note}</code>
            </pre>
          </>
        )}
      </div>
    </div>
  );
}

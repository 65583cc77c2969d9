/** A community's colleges: each one's share of the vote (or "one member, one vote") and headcount. */
import type { CollegeOverview } from "@/lib/communities/queries/community-overview";
import { formatNumber, type Locale, type Translate } from "@/lib/i18n/core";

export function CollegesTable({
  t,
  locale,
  colleges,
  weightingEnabled,
}: {
  t: Translate;
  locale: Locale;
  colleges: CollegeOverview[];
  weightingEnabled: boolean;
}) {
  return (
    <>
      <p>{weightingEnabled ? t("pages.colleges.weighted") : t("pages.colleges.oneMemberOneVote")}</p>
      <div className="fr-table fr-table--no-caption" data-testid="colleges">
        <div className="fr-table__wrapper">
          <div className="fr-table__container">
            <div className="fr-table__content">
              <table>
                <caption>{t("pages.colleges.caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("pages.colleges.college")}</th>
                    {weightingEnabled && <th scope="col">{t("pages.colleges.weight")}</th>}
                    <th scope="col">{t("pages.colleges.members")}</th>
                  </tr>
                </thead>
                <tbody>
                  {colleges.map((college) => (
                    <tr key={college.kind}>
                      <th scope="row">{t(`actorKind.${college.kind}`)}</th>
                      {weightingEnabled && (
                        <td>
                          {college.weight > 0
                            ? t("pages.colleges.weightValue", { weight: formatNumber(locale, college.weight) })
                            : t("pages.colleges.unused")}
                        </td>
                      )}
                      <td>{formatNumber(locale, college.members)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </div>
      </div>
    </>
  );
}

/**
 * Active members grouped by college, then by organisation (people acting alone last). A page may
 * start in the middle of a group: its headings are repeated so every name stays under its college.
 */
import Link from "next/link";
import type { DirectoryMember } from "@/lib/communities/queries/member-directory";
import type { CollegeOverview } from "@/lib/communities/queries/community-overview";
import { formatNumber, type Locale, type Translate } from "@/lib/i18n/core";

type Group = { organization: string | null; members: DirectoryMember[] };

function groupByOrganization(members: DirectoryMember[]): Group[] {
  const groups: Group[] = [];
  for (const member of members) {
    const last = groups[groups.length - 1];
    if (last && last.organization === member.organization) last.members.push(member);
    else groups.push({ organization: member.organization, members: [member] });
  }
  return groups;
}

export function MemberDirectory({
  t,
  locale,
  colleges,
  members,
  firstPage,
}: {
  t: Translate;
  locale: Locale;
  colleges: CollegeOverview[];
  members: DirectoryMember[];
  firstPage: boolean;
}) {
  // The first page names every college, even empty ones; later pages only those they continue.
  const shown = colleges.filter((college) => firstPage || members.some((member) => member.college === college.kind));
  return (
    <>
      {shown.map((college) => {
        const inCollege = members.filter((member) => member.college === college.kind);
        const headingId = `college-${college.kind}`;
        return (
          <section key={college.kind} aria-labelledby={headingId} className="fr-mb-4w" data-testid={`directory-${college.kind}`}>
            <h2 id={headingId} className="fr-h4">
              {t("pages.members.collegeHeading", {
                college: t(`actorKind.${college.kind}`),
                count: formatNumber(locale, college.members),
              })}
            </h2>
            {inCollege.length === 0 ? (
              <p>{t("pages.members.emptyCollege")}</p>
            ) : (
              groupByOrganization(inCollege).map((group) => (
                <div key={`${college.kind}-${group.organization ?? ""}`} className="fr-mb-2w">
                  <h3 className="fr-h6 fr-mb-1w">{group.organization ?? t("pages.members.noOrganization")}</h3>
                  <ul>
                    {group.members.map((member) => (
                      <li key={member.membershipId}>
                        <Link href={`/people/${member.userId}`}>{member.displayName}</Link>
                        {member.role !== "MEMBER" && (
                          <span className="fr-badge fr-badge--sm fr-ml-1w">{t(`community.role.${member.role}`)}</span>
                        )}
                      </li>
                    ))}
                  </ul>
                </div>
              ))
            )}
          </section>
        );
      })}
    </>
  );
}

/** "Next page" and "back to the start" links for cursor-paginated lists. */
export function CursorPager({
  t,
  nextHref,
  firstHref,
  label,
}: {
  t: Translate;
  nextHref: string | null;
  firstHref: string | null;
  label: string;
}) {
  if (!nextHref && !firstHref) return null;
  return (
    <nav aria-label={label} className="fr-mt-4w">
      <ul className="fr-btns-group fr-btns-group--inline-md">
        {firstHref && (
          <li>
            <Link className="fr-btn fr-btn--secondary fr-icon-arrow-left-s-first-line fr-btn--icon-left" href={firstHref}>
              {t("pages.pager.first")}
            </Link>
          </li>
        )}
        {nextHref && (
          <li>
            <Link className="fr-btn fr-btn--secondary fr-icon-arrow-right-s-line fr-btn--icon-right" href={nextHref}>
              {t("pages.pager.next")}
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}

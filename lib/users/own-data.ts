/**
 * "Download my data" (GDPR right of access and portability): everything the platform holds about the
 * signed-in person, as one JSON document, for that person only (the route reads the session; nobody
 * may ask for someone else's). Their own words and choices are included (proposals, comments,
 * contributions, ballots with their receipts, reports they made, appeals); what concerns others is
 * not (who reported them, other people's ballots). Secrets never leave: API tokens are listed by
 * name and prefix, sessions counted.
 */
import type { DbTx } from "@/lib/db/client";

export const OWN_DATA_FORMAT = "geocommuns-personal-data/1";

export async function exportOwnData(db: DbTx, { userId, now = new Date() }: { userId: string; now?: Date }) {
  const user = await db.user.findFirst({
    where: { id: userId, erasedAt: null },
    select: {
      id: true,
      email: true,
      name: true,
      displayName: true,
      actorKind: true,
      locale: true,
      listedByName: true,
      createdAt: true,
      onboardedAt: true,
      organization: { select: { id: true, name: true } },
      organizationVerifiedAt: true,
      organizationVerifiedBy: true,
      organizationAdmin: true,
      platformSuspendedUntil: true,
      platformSuspensionReason: true,
    },
  });
  if (!user) return null;
  const [
    memberships,
    proposals,
    comments,
    contributions,
    ballots,
    reports,
    sanctions,
    notifications,
    preferences,
    follows,
    apiTokens,
    sessions,
    accounts,
    linkedAccounts,
  ] = await Promise.all([
    db.membership.findMany({
      where: { userId },
      select: {
        role: true,
        status: true,
        college: true,
        joinedAt: true,
        leftAt: true,
        suspendedUntil: true,
        requestMessage: true,
        decisionMessage: true,
        community: { select: { slug: true, name: true } },
      },
    }),
    db.proposal.findMany({
      where: { authorId: userId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        kind: true,
        title: true,
        body: true,
        status: true,
        outcome: true,
        createdAt: true,
        hiddenAt: true,
        hiddenReason: true,
      },
    }),
    db.proposalComment.findMany({
      where: { authorId: userId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        proposalId: true,
        parentId: true,
        body: true,
        createdAt: true,
        editedAt: true,
        deletedAt: true,
        hiddenAt: true,
        hiddenReason: true,
      },
    }),
    db.contribution.findMany({
      where: { authorId: userId },
      orderBy: { date: "asc" },
      select: {
        id: true,
        type: true,
        description: true,
        date: true,
        hours: true,
        quantity: true,
        unit: true,
        link: true,
        place: true,
        state: true,
        validationComment: true,
        createdAt: true,
        hiddenAt: true,
        hiddenReason: true,
        commons: { select: { slug: true, title: true } },
      },
    }),
    db.ballot.findMany({
      where: { userId },
      orderBy: { castAt: "asc" },
      select: { proposalId: true, college: true, choice: true, receipt: true, castAt: true, updatedAt: true, withdrawnAt: true },
    }),
    db.report.findMany({
      where: { reporterId: userId },
      orderBy: { createdAt: "asc" },
      select: { targetKind: true, targetId: true, reason: true, comment: true, state: true, createdAt: true, decidedAt: true },
    }),
    db.sanction.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        kind: true,
        until: true,
        reason: true,
        ruleReference: true,
        createdAt: true,
        expiresAt: true,
        community: { select: { slug: true, name: true } },
        appeal: { select: { text: true, state: true, decision: true, createdAt: true, decidedAt: true } },
      },
    }),
    db.notification.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { kind: true, data: true, channel: true, createdAt: true, readAt: true },
    }),
    db.notificationPreference.findMany({ where: { userId }, select: { kind: true, channel: true } }),
    db.follow.findMany({ where: { userId }, select: { targetKind: true, targetId: true, createdAt: true } }),
    db.apiToken.findMany({
      where: { userId },
      select: { name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    }),
    db.session.count({ where: { userId } }),
    db.account.findMany({ where: { userId }, select: { provider: true } }),
    // Outside accounts linked for contributions (lib/connectors); the challenge is no secret but says nothing either.
    db.externalIdentity.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { provider: true, externalUsername: true, verifiedAt: true, createdAt: true },
    }),
  ]);
  return {
    format: OWN_DATA_FORMAT,
    exportedAt: now.toISOString(),
    person: user,
    signIn: { sessions, providers: [...new Set(accounts.map((a) => a.provider))] },
    memberships,
    proposals,
    comments,
    contributions,
    ballots,
    reports,
    sanctions,
    notifications,
    notificationPreferences: preferences,
    follows,
    apiTokens,
    linkedAccounts,
  };
}

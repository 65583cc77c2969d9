"use server";
/** Organisation actions: asking for and confirming a domain link, approving a member, adding a domain. */
import { config } from "@/lib/core/config";
import { addOrganizationDomain } from "@/lib/organizations/add-domain";
import { approveMember } from "@/lib/organizations/approve-member";
import { grantOrganizationAdmin } from "@/lib/organizations/grant-admin";
import { confirmDomainVerification, requestDomainVerification } from "@/lib/organizations/email-domain";
import { defineAction, defineFormAction } from "@/lib/web/action";

export const requestDomainVerificationAction = defineAction({
  name: "organization.requestDomainVerification",
  input: requestDomainVerification.schema,
  handle: async ({ db, actor, input }) => {
    await requestDomainVerification.run(db, { actor, appUrl: config().APP_URL, ...input });
    return { email: input.email };
  },
});

export const confirmDomainVerificationAction = defineAction({
  name: "organization.confirmDomainVerification",
  input: confirmDomainVerification.schema,
  handle: async ({ db, actor, input }) => confirmDomainVerification.run(db, { actor, ...input }),
  revalidate: () => ["/", "layout"] as const,
});

/** A plain form per declared member on the organisation's page (works before hydration). */
export const approveMemberAction = defineFormAction({
  name: "organization.approveMember",
  input: approveMember.schema,
  handle: async ({ db, actor, input }) => approveMember.run(db, { actor, ...input }),
  revalidate: (input) => `/organisations/${input.organizationId}`,
});

export const addDomainAction = defineAction({
  name: "organization.addDomain",
  input: addOrganizationDomain.schema,
  handle: async ({ db, actor, input }) => addOrganizationDomain.run(db, { actor, ...input }),
  revalidate: (input) => `/organisations/${input.organizationId}`,
});

/** A plain form per verified member who is not administrator yet. */
export const grantAdminAction = defineFormAction({
  name: "organization.grantAdmin",
  input: grantOrganizationAdmin.schema,
  handle: async ({ db, actor, input }) => grantOrganizationAdmin.run(db, { actor, ...input }),
  revalidate: (input) => `/organisations/${input.organizationId}`,
});

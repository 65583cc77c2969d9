"use server";
/**
 * Platform administration: suspend an account everywhere, lift it, erase an account. The use cases
 * check the permission (lib/policy) and write the platform's audit entry in the same transaction.
 */
import { eraseAccount, liftAccountSuspension, suspendAccount } from "@/lib/admin/accounts";
import { defineAction } from "@/lib/web/action";

export const suspendAccountAction = defineAction({
  name: "platform.suspendAccount",
  input: suspendAccount.schema,
  handle: async ({ db, actor, input }) => {
    const { until } = await suspendAccount.run(db, { actor, ...input });
    return { until: until.toISOString() };
  },
  revalidate: () => "/admin",
});

export const liftSuspensionAction = defineAction({
  name: "platform.liftSuspension",
  input: liftAccountSuspension.schema,
  handle: ({ db, actor, input }) => liftAccountSuspension.run(db, { actor, ...input }),
  revalidate: () => "/admin",
});

export const eraseAccountAction = defineAction({
  name: "platform.eraseAccount",
  input: eraseAccount.schema,
  handle: async ({ db, actor, input }) => {
    await eraseAccount.run(db, { actor, ...input });
  },
  revalidate: () => "/admin",
});

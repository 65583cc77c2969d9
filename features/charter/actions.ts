"use server";
/** Founding a charter: foundCharter() checks the permission (charter.found) and writes version 1 with its audit entry. */
import { z } from "zod";
import { foundCharter } from "@/lib/charter/found-charter";
import { foundCharterSchema } from "@/lib/charter/schemas";
import { defineAction } from "@/lib/web/action";

export const foundCharterAction = defineAction({
  name: "charter.found",
  input: foundCharterSchema.safeExtend({ slug: z.string().min(1).max(100) }),
  handle: ({ db, actor, input: { slug, ...charter } }) => foundCharter(db, { actor, slug, ...charter }),
  revalidate: (input) => [`/communities/${input.slug}`, "layout"] as const,
});

"use server";
/** Following and unfollowing (the FollowButton form), and marking everything read. */
import { z } from "zod";
import { isAppError } from "@/lib/core/errors";
import { logger } from "@/lib/core/log";
import { setFollow } from "@/lib/follows/follows";
import { markRead } from "@/lib/notifications/inbox";
import { defineFormAction } from "@/lib/web/action";
import { isSameSitePath } from "@/lib/core/same-site-path";

/** A same-site path only: never a way to revalidate (or later redirect to) another site. */
const backPath = z.string().max(500).refine(isSameSitePath, "errors.invalid");

/** The form posts targetKind, targetId, follow ("1" or "0") and back (the page to refresh); works without JavaScript. */
export const followAction = defineFormAction({
  name: "notifications.follow",
  input: setFollow.schema.omit({ follow: true }).safeExtend({ follow: z.enum(["0", "1"]), back: backPath }),
  handle: async ({ db, actor, input }) => {
    try {
      await setFollow.run(db, { actor, input: { ...input, follow: input.follow === "1" } });
    } catch (error) {
      // Not allowed or gone: nothing changes, the button shows the state as it stands.
      if (!isAppError(error)) throw error;
      logger.info({ code: error.code }, "follow refused");
    }
  },
  revalidate: (input) => input.back,
});

export const markAllReadAction = defineFormAction({
  name: "notifications.markAllRead",
  input: z.object({}),
  handle: async ({ db, actor }) => {
    await markRead(db, { userId: actor.id, input: { all: true } });
  },
  revalidate: () => ["/", "layout"] as const,
});

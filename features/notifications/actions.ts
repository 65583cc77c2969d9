"use server";
/** Following and unfollowing (the FollowButton form), and marking everything read. */
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { setFollow } from "@/lib/notifications/follows";
import { markRead } from "@/lib/notifications/inbox";
import { currentUser } from "@/lib/web/request";

/** The form posts targetKind, targetId, follow ("1" or "0") and back (the page to refresh). */
export async function followAction(form: FormData): Promise<void> {
  const user = await currentUser();
  if (!user) return;
  const back = String(form.get("back") ?? "");
  try {
    await setFollow(db(), {
      actor: user,
      input: { targetKind: form.get("targetKind"), targetId: form.get("targetId"), follow: form.get("follow") === "1" },
    });
  } catch (error) {
    // Not allowed or gone: nothing changes, the button shows the state as it stands.
    if (!isAppError(error)) throw error;
    logger.info({ code: error.code }, "follow refused");
  }
  if (back.startsWith("/") && !back.startsWith("//")) revalidatePath(back);
}

export async function markAllReadAction(): Promise<void> {
  const user = await currentUser();
  if (!user) return;
  await markRead(db(), { userId: user.id, input: { all: true } });
  revalidatePath("/", "layout");
}

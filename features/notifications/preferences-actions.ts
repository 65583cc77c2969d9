"use server";
/** Saving notification preferences (field errors keep the form's names, e.g. "preferences.3.channel"). */
import { savePreferences } from "@/lib/notifications/preferences";
import { defineAction } from "@/lib/web/action";

export const savePreferencesAction = defineAction({
  name: "notifications.savePreferences",
  input: savePreferences.schema,
  handle: ({ db, actor, input }) => savePreferences.run(db, { userId: actor.id, input }),
  revalidate: () => "/profile/notifications",
});

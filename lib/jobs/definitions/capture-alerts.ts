/** `commons.capture-alerts`: measures every community and its commons against the charter's capture thresholds, daily (lib/commons/capture.ts). */
import { checkCaptureAlerts } from "@/lib/commons/capture";
import { deadLetterOf, defineQueueJob } from "../types";

export const CAPTURE_ALERTS = "commons.capture-alerts";

export const captureAlertsJob = defineQueueJob({
  name: CAPTURE_ALERTS,
  schedule: "17 4 * * *",
  options: {
    retryLimit: 3,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 1800,
    deadLetter: deadLetterOf(CAPTURE_ALERTS),
    policy: "singleton",
  },
  handle: async (_data, { db }) => {
    const communities = await db.community.findMany({ select: { id: true } });
    let raised = 0;
    // One community at a time: each scope is its own short transaction.
    for (const { id } of communities) raised += (await checkCaptureAlerts(db, { communityId: id })).length;
    return { communities: communities.length, raised };
  },
});

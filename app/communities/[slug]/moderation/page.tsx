export { ModerationQueuePage as default, generateMetadata } from "@/features/moderation/pages/moderation-queue-page";

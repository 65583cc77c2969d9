export { ModerationLogPage as default, generateMetadata } from "@/features/moderation/pages/moderation-log-page";

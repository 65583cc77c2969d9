export { ActivityPage as default, generateMetadata } from "@/features/communities/pages/activity-page";

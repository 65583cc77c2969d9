export { CommunityDashboardPage as default, generateMetadata } from "@/features/communities/pages/community-dashboard-page";

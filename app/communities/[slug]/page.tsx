export { CommunityPage as default, generateMetadata } from "@/features/communities/pages/community-page";

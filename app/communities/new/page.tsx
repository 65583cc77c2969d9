export { NewCommunityPage as default, generateMetadata } from "@/features/communities/pages/new-community-page";

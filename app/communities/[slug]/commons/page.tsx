export { CommunityCommonsPage as default, generateMetadata } from "@/features/commons/pages/community-commons-page";

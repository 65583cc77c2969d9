export { MembersPage as default, generateMetadata } from "@/features/communities/pages/members-page";

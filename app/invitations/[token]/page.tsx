export { InvitationPage as default, generateMetadata } from "@/features/communities/pages/invitation-page";

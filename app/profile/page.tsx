export { ProfilePage as default, generateMetadata } from "@/features/profile/pages/profile-page";

export { DeleteAccountPage as default, generateMetadata } from "@/features/profile/pages/delete-account-page";

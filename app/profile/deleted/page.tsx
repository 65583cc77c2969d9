export { AccountDeletedPage as default, generateMetadata } from "@/features/profile/pages/account-deleted-page";

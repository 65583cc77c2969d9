export { VerifyPage as default, generateMetadata } from "@/features/organizations/pages/verify-page";

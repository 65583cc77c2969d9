export { VerifyPage as default, generateMetadata } from "@/features/site/pages/verify-page";

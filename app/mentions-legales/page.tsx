export { LegalNoticePage as default, generateMetadata } from "@/features/site/pages/legal-notice-page";

export { SanctionPage as default, generateMetadata } from "@/features/moderation/pages/sanction-page";

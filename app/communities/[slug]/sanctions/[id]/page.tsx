export { SanctionDetailPage as default, generateMetadata } from "@/features/moderation/pages/sanction-detail-page";

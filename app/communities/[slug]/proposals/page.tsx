export { ProposalsPage as default, generateMetadata } from "@/features/proposals/pages/proposals-page";

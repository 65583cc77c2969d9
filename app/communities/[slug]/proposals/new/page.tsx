export { NewProposalPage as default, generateMetadata } from "@/features/proposals/pages/new-proposal-page";
